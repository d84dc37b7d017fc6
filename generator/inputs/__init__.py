"""Where inputs arrive: files read within a size limit and never through a link, identifiers from
the command line checked before they become paths, every written path proven to lie inside its
folder, and the reference day that nothing in the catalogue may be dated after."""
