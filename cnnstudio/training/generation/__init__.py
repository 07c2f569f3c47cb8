"""Generative training: a GAN's adversarial loop and a VAE's reconstruction + KL, as objectives of the engine.

The engine (engine.py) knows nothing of them: the session picks the objective from the network's output
roles and hands it to the Trainer, as it does for detection. The exported ``train.py`` does not carry them.
"""
