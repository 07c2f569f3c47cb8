"""Seeing inside a network (Qt-free): activations, kernels, predictions, Grad-CAM, receptive fields, layer health."""
