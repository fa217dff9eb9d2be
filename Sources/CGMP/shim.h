#ifndef SWIFTKMS_CGMP_SHIM_H
#define SWIFTKMS_CGMP_SHIM_H
#include <gmp.h>
#endif
