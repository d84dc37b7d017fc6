"""Site search: the Pagefind index of the built site, made byte-identical from build to build."""
