/* The fast lane compiled for CPUs with AVX2 (-mavx2, analyzer/CMakeLists.txt);
 * called only when the CPU has it (an_fast_isa()). */
#define AN_FAST_NAME an_fast_lines_avx2
#define AN_FAST_WIDE 1
#include "an_fast.c"
