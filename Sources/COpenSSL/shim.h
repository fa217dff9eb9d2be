#ifndef SWIFTKMS_COPENSSL_SHIM_H
#define SWIFTKMS_COPENSSL_SHIM_H
/* What KMSCore uses from OpenSSL 3: AES-128 in ECB mode for the tfhe-rs AES-CTR generator
   (EVP_CIPHER_CTX) and Poly1305 for crypto_box (EVP_MAC). */
#include <openssl/evp.h>
#endif
