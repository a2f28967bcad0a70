/*
 * Compile-time configuration shared by every onebit kernel.
 *
 * Kernel family: each kernel has a plain reference version (the readable translation of the
 * Java golden model) and an optimised version with the same signature. The board's CPU macro
 * (ONEBIT_CPU_CORTEX_M0/M0PLUS/M3/M4/M7/M33/M55, passed by the generated Makefile) selects the
 * optimised family; -DONEBIT_FORCE_REFERENCE or -DONEBIT_FORCE_OPTIMISED override it, so tests
 * can build both on any machine, including the host. A build system that passes no CPU macro (an
 * exported Arduino library) still gets the optimised family on every Cortex-M core: ACLE compilers
 * define __ARM_ARCH_PROFILE as 'M' there.
 *
 * Inside the optimised family the per-core variant follows the instruction set the compiler
 * targets, not a list of cores: Thumb-2 (__thumb2__: M3, M4, M7, M33, M55) gets LDRD/LDM loads
 * and barrel-shifter operands, Thumb-1 (M0, M0+) gets the portable C, and the DSP extension
 * (__ARM_FEATURE_DSP: M4, M7, M33 and M55 as configured here) gets USAD8/USADA8 byte sums.
 */
#ifndef ONEBIT_CONFIG_H
#define ONEBIT_CONFIG_H

#include <stdint.h>

#if defined(ONEBIT_FORCE_REFERENCE)
#define ONEBIT_OPTIMISED 0
#elif defined(ONEBIT_FORCE_OPTIMISED) || defined(ONEBIT_CPU_CORTEX_M0) || defined(ONEBIT_CPU_CORTEX_M0PLUS) \
    || defined(ONEBIT_CPU_CORTEX_M3) || defined(ONEBIT_CPU_CORTEX_M4) || defined(ONEBIT_CPU_CORTEX_M7) \
    || defined(ONEBIT_CPU_CORTEX_M33) || defined(ONEBIT_CPU_CORTEX_M55) \
    || (defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M')
#define ONEBIT_OPTIMISED 1
#else
#define ONEBIT_OPTIMISED 0
#endif

/*
 * Kernels are header-only and always inlined into the generated model.c, so every word count
 * and row count the code generator knows becomes a constant the compiler can unroll with.
 */
#if defined(__GNUC__)
#define ONEBIT_INLINE static inline __attribute__((always_inline))
#else
#define ONEBIT_INLINE static inline
#endif

/*
 * ONEBIT_OPAQUE(v) hides a value from the optimiser (an empty asm that "may change" it). Used to
 * keep SWAR masks in registers, where the barrel shifter applies the shift for free
 * (AND r, mask, x, LSR #1 is one instruction; with an immediate mask it takes two), and to stop
 * the compiler from copying the activation vector to the stack once per layer.
 */
#if defined(__GNUC__)
#define ONEBIT_OPAQUE(v) __asm__("" : "+r"(v))
#else
#define ONEBIT_OPAQUE(v) ((void)0)
#endif

/* Cores with the DSP extension (M4, M7, M33, M55) sum four bytes in one USAD8 / USADA8 instruction. */
#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#define ONEBIT_HAVE_USAD8 1
#else
#define ONEBIT_HAVE_USAD8 0
#endif

#endif
