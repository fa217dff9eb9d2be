#ifndef SWIFTKMS_COPENSSL_SHIM_H
#define SWIFTKMS_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/crypto.h>
#include <stdint.h>

/* Returns its argument through an empty inline-assembly statement the optimizer cannot see
 * through (like BoringSSL's value_barrier_w). Swift's constant-time code passes secret-derived
 * masks through it so that LLVM cannot prove they are 0 or all ones and turn mask arithmetic
 * back into data-dependent branches or loads. */
static inline uint64_t swiftkms_value_barrier_u64(uint64_t a) {
    __asm__("" : "+r"(a));
    return a;
}
#endif
