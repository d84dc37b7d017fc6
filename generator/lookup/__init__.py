"""The certificate lookup: normalisation, the encrypted sharded index and the verify pages."""
