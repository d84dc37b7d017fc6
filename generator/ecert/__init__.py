"""Electronic certificates (电子证书): a signed QR code that any browser verifies offline.

Format, outermost layer first (version 1, the prefix `JLZS1:`):

* the QR text is `JLZS1:` followed by the RFC 9285 base45 encoding of
* a zlib stream (RFC 1950) of
* a COSE_Sign1 message (RFC 9052, CBOR tag 18) signed with ES256 (ECDSA P-256 with SHA-256), whose
  protected header holds the algorithm and the key id, and whose payload is
* a CBOR Web Token (RFC 8392): issuer (1), issued-at (6) and one private claim holding the
  certificate as it is printed: number, verification code, holder's name, occupation, level,
  enterprise, issue date. There is no ID number in it.

ES256 because WebCrypto verifies ECDSA P-256 in every browser the site supports; Ed25519 in
WebCrypto is recent and uneven across browsers. base45 keeps the text in the QR code's
alphanumeric mode (5.5 bits per character instead of 8 in byte mode).

Modules: `base45`, `claims` (the CWT), `cose` (COSE_Sign1), `transport` (prefix, zlib, base45),
`keys` (private keys), `keyring` (the published public keys in the catalogue), `verify` (the
checks the verify page also makes), `issue` and `document` (what is handed to a holder).
"""
