#include "xmlshim.h"
#include <stdint.h>
#include <string.h>

// NOTE: kept in C because it runs over every byte of every document before libxml2 does; in Swift the
// two separate passes (UTF-8 check, control characters) cost about 5% of a whole corpus parse.

// C0 control bytes XML forbids: all below 0x20 but tab, LF and CR.
static inline int axml_is_forbidden_control(unsigned char b) {
    return b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D;
}

// Byte at a time, with eight ASCII bytes skipped at once: the reference, and the path on CPUs without AVX2.
int axml_scan_utf8_scalar(const unsigned char *buf, size_t len, size_t *controls, int *non_ascii) {
    size_t i = 0, ctl = 0;
    int valid = 1, high = 0;
    while (i < len) {
        // A word is skipped when no byte has its high bit set and none is below 0x20 (then it holds no
        // control byte to count).
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, buf + i, 8);
            const uint64_t highs = 0x8080808080808080ULL;
            if (w & highs) break;
            if ((w - 0x2020202020202020ULL) & ~w & highs) break;
            i += 8;
        }
        if (i >= len) break;
        unsigned char b = buf[i];
        if (b < 0x80) {
            if (axml_is_forbidden_control(b)) ctl++;
            i++;
            continue;
        }
        high = 1;
        if (!valid) { i++; continue; }
        size_t need;
        if (b >= 0xC2 && b <= 0xDF) need = 1;
        else if (b >= 0xE0 && b <= 0xEF) need = 2;
        else if (b >= 0xF0 && b <= 0xF4) need = 3;
        else { valid = 0; i++; continue; }
        if (i + need >= len) { valid = 0; i++; continue; }
        unsigned char b1 = buf[i + 1];
        if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F)) {
            valid = 0; i++; continue;
        }
        int ok = 1;
        for (size_t k = 1; k <= need; k++) if ((buf[i + k] & 0xC0) != 0x80) { ok = 0; break; }
        if (!ok) { valid = 0; i++; continue; }
        i += need + 1;
    }
    if (controls != NULL) *controls = ctl;
    *non_ascii = high;
    return valid;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

// NOTE: a third of the bytes of a news corpus are outside ASCII (Cyrillic, CJK, Arabic script, and the
// typographic quotes of Latin text), where the scalar loop goes character by character: it was 17% of a
// parse without sanitizing. This is the "lookup" validator of Keiser and Lemire ("Validating UTF-8 in
// less than one instruction per byte", 2021): every byte is classified by table lookups on the high
// nibble of the previous byte, its low nibble and the high nibble of the byte itself, 32 bytes at once.
#define AXML_AVX2 __attribute__((target("avx2")))

// Error classes of a (previous byte, byte) pair; a pair is valid when the three lookups share no bit,
// except TWO_CONTS, which must be set exactly where a third or fourth byte of a sequence is expected.
#define TOO_SHORT (1 << 0)      // 11______ 0_______ or 11______ 11______
#define TOO_LONG (1 << 1)       // 0_______ 10______
#define OVERLONG_3 (1 << 2)     // 11100000 100_____
#define TOO_LARGE (1 << 3)      // 11110100 1001____ and above
#define SURROGATE (1 << 4)      // 11101101 101_____
#define OVERLONG_2 (1 << 5)     // 1100000_ ________
#define TOO_LARGE_1000 (1 << 6) // 11110101 1000____ and above
#define OVERLONG_4 (1 << 6)     // 11110000 1000____
#define TWO_CONTS (1 << 7)      // 10______ 10______
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

static const unsigned char axml_byte_1_high[16] = {
    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,  // 0_______
    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,                                      // 10______
    TOO_SHORT | OVERLONG_2,                                                          // 1100____
    TOO_SHORT,                                                                       // 1101____
    TOO_SHORT | OVERLONG_3 | SURROGATE,                                              // 1110____
    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4,                             // 1111____
};

static const unsigned char axml_byte_1_low[16] = {
    CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,  // ____0000
    CARRY | OVERLONG_2,                            // ____0001
    CARRY, CARRY,                                  // ____001_
    CARRY | TOO_LARGE,                             // ____0100
    CARRY | TOO_LARGE | TOO_LARGE_1000,            // ____0101
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,  // ____1101
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
};

static const unsigned char axml_byte_2_high[16] = {
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,  // 0_______
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,            // 1000____
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,                              // 1001____
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                               // 101_____
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,                                              // 11______
};

// A 16-entry table in both 128-bit lanes, for _mm256_shuffle_epi8.
AXML_AVX2 static inline __m256i axml_table(const unsigned char *t) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)t));
}

// The 32 bytes ending `n` bytes before the end of `input`, taking the first from `prev`.
#define AXML_PREV(input, prev, n) _mm256_alignr_epi8((input), _mm256_permute2x128_si256((prev), (input), 0x21), 16 - (n))

AXML_AVX2 static inline __m256i axml_check_block(__m256i input, __m256i prev_input) {
    const __m256i low_nibble = _mm256_set1_epi8(0x0F);
    __m256i prev1 = AXML_PREV(input, prev_input, 1);
    __m256i byte_1_high = _mm256_shuffle_epi8(axml_table(axml_byte_1_high), _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low_nibble));
    __m256i byte_1_low = _mm256_shuffle_epi8(axml_table(axml_byte_1_low), _mm256_and_si256(prev1, low_nibble));
    __m256i byte_2_high = _mm256_shuffle_epi8(axml_table(axml_byte_2_high), _mm256_and_si256(_mm256_srli_epi16(input, 4), low_nibble));
    __m256i special = _mm256_and_si256(_mm256_and_si256(byte_1_high, byte_1_low), byte_2_high);
    // A third byte follows a 111_____ lead two bytes back, a fourth a 1111____ lead three bytes back.
    __m256i prev2 = AXML_PREV(input, prev_input, 2);
    __m256i prev3 = AXML_PREV(input, prev_input, 3);
    __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must23, special);
}

// Non-zero where the block ends inside a sequence (a lead byte too close to the end).
AXML_AVX2 static inline __m256i axml_incomplete(__m256i input) {
    const __m256i max = _mm256_setr_epi8(
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    return _mm256_subs_epu8(input, max);
}

AXML_AVX2 static inline size_t axml_count_controls(__m256i input) {
    // Unsigned input < 0x20 is min(input, 0x1F) == input.
    __m256i below = _mm256_cmpeq_epi8(_mm256_min_epu8(input, _mm256_set1_epi8(0x1F)), input);
    __m256i allowed = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(input, _mm256_set1_epi8(0x09)), _mm256_cmpeq_epi8(input, _mm256_set1_epi8(0x0A))),
        _mm256_cmpeq_epi8(input, _mm256_set1_epi8(0x0D)));
    unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_andnot_si256(allowed, below));
    return mask == 0 ? 0 : (size_t)__builtin_popcount(mask);
}

// `count` is a constant in each caller below: the compiler leaves the control count out of the loop
// that does not want it (making Strings needs only the UTF-8 check).
AXML_AVX2 static inline __attribute__((always_inline)) int axml_scan_avx2(const unsigned char *buf, size_t len,
                                                                        size_t *controls, int *non_ascii, int count) {
    __m256i error = _mm256_setzero_si256();
    __m256i prev_input = _mm256_setzero_si256();
    __m256i prev_incomplete = _mm256_setzero_si256();
    __m256i high = _mm256_setzero_si256();
    size_t ctl = 0;
    size_t i = 0;
    unsigned char tail[32];
    while (i < len) {
        __m256i input;
        if (i + 32 <= len) {
            input = _mm256_loadu_si256((const __m256i *)(buf + i));
        } else {
            // The last partial block, padded with NUL bytes: ASCII, so a sequence cut short by the end
            // of the buffer shows as TOO_SHORT, and NUL is not counted as a control (it is no input).
            memset(tail, 0, sizeof tail);
            memcpy(tail, buf + i, len - i);
            input = _mm256_loadu_si256((const __m256i *)tail);
        }
        if (count) {
            size_t found = axml_count_controls(input);
            if (i + 32 > len) found -= 32 - (len - i);  // the padding's NULs
            ctl += found;
        }
        if (_mm256_movemask_epi8(input) == 0) {
            // All ASCII: only a sequence left open by the previous block can be wrong.
            error = _mm256_or_si256(error, prev_incomplete);
        } else {
            high = _mm256_or_si256(high, input);
            error = _mm256_or_si256(error, axml_check_block(input, prev_input));
            prev_incomplete = axml_incomplete(input);
        }
        prev_input = input;
        i += 32;
    }
    error = _mm256_or_si256(error, prev_incomplete);
    if (count) *controls = ctl;
    *non_ascii = _mm256_movemask_epi8(high) != 0;
    return _mm256_testz_si256(error, error);
}

AXML_AVX2 static int axml_scan_utf8_avx2(const unsigned char *buf, size_t len, size_t *controls, int *non_ascii) {
    return axml_scan_avx2(buf, len, controls, non_ascii, 1);
}

AXML_AVX2 static int axml_check_utf8_avx2(const unsigned char *buf, size_t len, int *non_ascii) {
    return axml_scan_avx2(buf, len, NULL, non_ascii, 0);
}

int axml_scan_utf8(const unsigned char *buf, size_t len, size_t *controls, int *non_ascii) {
    if (__builtin_cpu_supports("avx2")) {
        return controls != NULL ? axml_scan_utf8_avx2(buf, len, controls, non_ascii) : axml_check_utf8_avx2(buf, len, non_ascii);
    }
    return axml_scan_utf8_scalar(buf, len, controls, non_ascii);
}
#else
int axml_scan_utf8(const unsigned char *buf, size_t len, size_t *controls, int *non_ascii) {
    return axml_scan_utf8_scalar(buf, len, controls, non_ascii);
}
#endif
