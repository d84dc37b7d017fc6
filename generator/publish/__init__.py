"""The last step: swap the checked site into place, and the web server configuration for it."""
