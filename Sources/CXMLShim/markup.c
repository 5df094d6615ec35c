#include "xmlshim.h"

// NOTE: the sanitizer's short way copies text between markup; finding the next byte that needs a look
// was most of its time in Swift (eight bytes per step, then byte by byte up to the one found). Here
// 16 or 32 bytes are classified per step and the first one found by its bit in a mask.

static inline int axml_is_markup_stop(unsigned char b) {
    return b == '<' || b == '&' || b == '>' || b == 0xEF || (b < 0x20 && b != 0x09 && b != 0x0A);
}

size_t axml_markup_stop_scalar(const unsigned char *buf, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (axml_is_markup_stop(buf[i])) return i;
    }
    return len;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

// SSE2 is part of every x86-64 CPU; AVX2 takes 32 bytes a step where the CPU has it.
static size_t axml_markup_stop_sse2(const unsigned char *buf, size_t len) {
    const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), gt = _mm_set1_epi8('>');
    const __m128i ef = _mm_set1_epi8((char)0xEF), tab = _mm_set1_epi8(0x09), lf = _mm_set1_epi8(0x0A);
    const __m128i c1f = _mm_set1_epi8(0x1F);
    size_t i = 0;
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(buf + i));
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, ef)));
        // Unsigned v < 0x20 is min(v, 0x1F) == v.
        __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v);
        control = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)), control);
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(stop, control));
        if (mask != 0) return i + (size_t)__builtin_ctz(mask);
    }
    return i + axml_markup_stop_scalar(buf + i, len - i);
}

__attribute__((target("avx2"))) static size_t axml_markup_stop_avx2(const unsigned char *buf, size_t len) {
    const __m256i lt = _mm256_set1_epi8('<'), amp = _mm256_set1_epi8('&'), gt = _mm256_set1_epi8('>');
    const __m256i ef = _mm256_set1_epi8((char)0xEF), tab = _mm256_set1_epi8(0x09), lf = _mm256_set1_epi8(0x0A);
    const __m256i c1f = _mm256_set1_epi8(0x1F);
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(buf + i));
        __m256i stop = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, lt), _mm256_cmpeq_epi8(v, amp)),
                                       _mm256_or_si256(_mm256_cmpeq_epi8(v, gt), _mm256_cmpeq_epi8(v, ef)));
        __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, c1f), v);
        control = _mm256_andnot_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, tab), _mm256_cmpeq_epi8(v, lf)), control);
        unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(stop, control));
        if (mask != 0) return i + (size_t)__builtin_ctz(mask);
    }
    return i + axml_markup_stop_sse2(buf + i, len - i);
}

size_t axml_markup_stop(const unsigned char *buf, size_t len) {
    return __builtin_cpu_supports("avx2") ? axml_markup_stop_avx2(buf, len) : axml_markup_stop_sse2(buf, len);
}
#else
size_t axml_markup_stop(const unsigned char *buf, size_t len) {
    return axml_markup_stop_scalar(buf, len);
}
#endif
