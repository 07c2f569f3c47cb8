"""The editor's panels beside the canvas: block palette, inspector and its editors, problems, summary, status bar."""
