/*
 * swar.h - tests on eight bytes at once in a 64-bit word (SIMD within a
 * register), for the scanners that skip over plain text.
 */
#ifndef CD_SWAR_H
#define CD_SWAR_H

#include <stdint.h>

/* One in each byte, and the top bit of each byte. */
#define CD_ONES ((uint64_t)0x0101010101010101ULL)
#define CD_HIGHS ((uint64_t)0x8080808080808080ULL)

/* Nonzero when a byte of v is zero (exact for presence; a byte above a
 * zero may be flagged too, which only costs a closer look). */
static inline uint64_t cd_has_zero(uint64_t v)
{
	return (v - CD_ONES) & ~v & CD_HIGHS;
}

/* Nonzero when a byte of v is c (as cd_has_zero). */
static inline uint64_t cd_has_byte(uint64_t v, unsigned char c)
{
	return cd_has_zero(v ^ (CD_ONES * c));
}

#endif
