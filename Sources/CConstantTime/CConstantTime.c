/* Header-only target: the value barrier is a static inline function in include/CConstantTime.h.
 * SwiftPM needs one source file to build a C target. */
#include "CConstantTime.h"
