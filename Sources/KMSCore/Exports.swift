// KMSCore's public API includes secp256k1 keys, signatures, Ethereum addresses and the storage
// and signature errors, which live in the shared KMSPrimitives target (also used by KMSChain).
@_exported import KMSPrimitives
