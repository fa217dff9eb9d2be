#ifndef SWIFTKMS_CCONSTANTTIME_H
#define SWIFTKMS_CCONSTANTTIME_H
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
