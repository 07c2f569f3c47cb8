"""The node canvas: the scene and its items, the view, wiring, and the canvas's own actions and menus."""
