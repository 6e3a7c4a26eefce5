// fast_deflate.cpp: see fast_deflate.h. Token stream: literals, and (length, distance 1) pairs
// for runs of the previous byte. Two passes per segment: byte histogram, then emit. Emission is
// table driven (each symbol's code and length packed in one word, fpnge's layout) into a 64-bit
// bit buffer flushed once per four literals; runs are found sixteen bytes at a time (u8x16.h).
#include "codec/deflate/fast_deflate.h"

#include <cstring>

#include "codec/deflate/huffman.h"
#include "codec/u8x16.h"

namespace pixelpipe::codec::deflate {
namespace {

// A run must repeat the previous byte this often to be coded as a match: in filtered photo data
// a zero literal costs 1–3 bits, a length code + distance code ~6–9 bits, so short runs do not
// pay. The run detector below tests 8 repeats with three shift-and steps (a power of two ≤ 16).
constexpr size_t kMinRun = 8;
constexpr size_t kMaxMatch = 258;
// Literal/length codes are limited to 14 bits so four literals (≤ 56 bits) fit in the bit buffer
// after a flush (≤ 7 bits left). Against deflate's own 15-bit limit it costs 0.2 % on the 12 MP
// photo (15.710 vs 15.678 MB: huffman_lengths' frequency halving flattens the whole code).
constexpr int kMaxLitBits = 14;

// RFC 1951 length codes 257..285: base lengths and extra bits.
constexpr uint16_t kLenBase[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                   35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t kLenExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                   3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};

struct LenCode {
    uint8_t code[259];  // length → index 0..28 into kLenBase
    LenCode() {
        for (int c = 0; c < 29; ++c) {
            const int end = c == 28 ? 259 : kLenBase[c] + (1 << kLenExtra[c]);
            for (int l = kLenBase[c]; l < end && l < 259; ++l) code[l] = uint8_t(c);
        }
        code[258] = 28;
    }
};
const LenCode kLen;

// LSB-first bit writer over a caller-sized buffer. add() appends without a bounds check: the
// caller keeps the pending count ≤ 63 (≤ 7 after a flush, so up to 56 bits between flushes).
class BitWriter {
public:
    explicit BitWriter(uint8_t *dst) : start_(dst), p_(dst) {}
    void add(uint64_t bits, unsigned count) {
        buf_ |= bits << used_;
        used_ += count;
    }
    void flush() {  // whole bytes out; one unaligned 8-byte store (wasm32 and x86-64 are little-endian)
        std::memcpy(p_, &buf_, 8);
        p_ += used_ >> 3;
        buf_ >>= used_ & ~7u;
        used_ &= 7;
    }
    void put(uint64_t bits, unsigned count) {  // count ≤ 56
        add(bits, count);
        flush();
    }
    void align() {  // pad to a byte boundary with zero bits
        used_ = (used_ + 7) & ~7u;
        flush();
    }
    size_t written() const { return size_t(p_ - start_); }

private:
    uint8_t *start_, *p_;
    uint64_t buf_ = 0;
    unsigned used_ = 0;
};

// The block header's code-length sequence, run-length coded with symbols 16/17/18.
struct ClSymbol { uint8_t sym, extra_bits, extra; };
void rle_lengths(const uint8_t *lengths, int n, std::vector<ClSymbol> &out) {
    int i = 0;
    while (i < n) {
        const uint8_t l = lengths[i];
        int r = 1;
        while (i + r < n && lengths[i + r] == l) ++r;
        int left = r;
        if (l == 0) {
            while (left >= 11) { const int k = left > 138 ? 138 : left; out.push_back({18, 7, uint8_t(k - 11)}); left -= k; }
            if (left >= 3) { out.push_back({17, 3, uint8_t(left - 3)}); left = 0; }
        } else {
            out.push_back({l, 0, 0});
            --left;
            while (left >= 3) { const int k = left > 6 ? 6 : left; out.push_back({16, 2, uint8_t(k - 3)}); left -= k; }
        }
        for (; left > 0; --left) out.push_back({l, 0, 0});
        i += r;
    }
}

constexpr uint8_t kClOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

// The segment's codes, packed for emission: a literal is code | length << 16; a run of n bytes
// (length code, its extra bits, distance code 0) is one word of ≤ 35 bits and its bit count.
struct Tables {
    uint32_t lit[256];
    uint64_t run_bits[kMaxMatch + 1];
    uint8_t run_count[kMaxMatch + 1];
    uint32_t end_of_block;  // symbol 256, packed as a literal
};

// Writes the dynamic block header for the histogram and fills the emission tables.
void write_header(const uint32_t *byte_hist, BitWriter &w, Tables &t) {
    // Every literal and length symbol at least 1 so any token can be coded; the plain byte
    // histogram only over-counts bytes inside runs, which already code cheaply.
    uint32_t lit_freq[286], dist_freq[30] = {0};
    for (int b = 0; b < 256; ++b) lit_freq[b] = 1 + byte_hist[b];
    for (int c = 256; c < 286; ++c) lit_freq[c] = 1;
    dist_freq[0] = 1;  // distance 1
    uint8_t lit_len[286], dist_len[30];
    huffman_lengths(lit_freq, 286, kMaxLitBits, lit_len);
    huffman_lengths(dist_freq, 30, 15, dist_len);
    uint16_t lit_code[286], dist_code[30];
    canonical_codes(lit_len, 286, lit_code);
    canonical_codes(dist_len, 30, dist_code);

    int hlit = 286, hdist = 30;
    while (hlit > 257 && lit_len[hlit - 1] == 0) --hlit;
    while (hdist > 1 && dist_len[hdist - 1] == 0) --hdist;
    uint8_t all[286 + 30];
    std::memcpy(all, lit_len, hlit);
    std::memcpy(all + hlit, dist_len, hdist);
    std::vector<ClSymbol> cl;
    rle_lengths(all, hlit + hdist, cl);
    uint32_t cl_freq[19] = {0};
    for (const auto &s : cl) cl_freq[s.sym]++;
    uint8_t cl_len[19];
    uint16_t cl_code[19];
    huffman_lengths(cl_freq, 19, 7, cl_len);
    canonical_codes(cl_len, 19, cl_code);
    int hclen = 19;
    while (hclen > 4 && cl_len[kClOrder[hclen - 1]] == 0) --hclen;

    w.put(0 | (2 << 1), 3);  // BFINAL 0, BTYPE 10 (dynamic)
    w.put(hlit - 257, 5);
    w.put(hdist - 1, 5);
    w.put(hclen - 4, 4);
    for (int i = 0; i < hclen; ++i) w.put(cl_len[kClOrder[i]], 3);
    for (const auto &s : cl) {
        w.put(cl_code[s.sym], cl_len[s.sym]);
        if (s.extra_bits) w.put(s.extra, s.extra_bits);
    }

    for (int b = 0; b < 256; ++b) t.lit[b] = uint32_t(lit_code[b]) | uint32_t(lit_len[b]) << 16;
    for (size_t n = 3; n <= kMaxMatch; ++n) {
        const int c = kLen.code[n];
        const unsigned l = lit_len[257 + c], e = kLenExtra[c];
        t.run_bits[n] = lit_code[257 + c] | uint64_t(n - kLenBase[c]) << l | uint64_t(dist_code[0]) << (l + e);
        t.run_count[n] = uint8_t(l + e + dist_len[0]);
    }
    t.end_of_block = uint32_t(lit_code[256]) | uint32_t(lit_len[256]) << 16;
}

class Emitter {
public:
    Emitter(const Tables &t, BitWriter &w) : t_(t), w_(w) {}
    void literal(uint8_t b) { put(t_.lit[b]); }
    void literals4(const uint8_t *p) {  // codes paired in 32 bits first: fewer 64-bit shifts
        const uint32_t e0 = t_.lit[p[0]], e1 = t_.lit[p[1]], e2 = t_.lit[p[2]], e3 = t_.lit[p[3]];
        const uint32_t l0 = e0 >> 16, l01 = l0 + (e1 >> 16), l2 = e2 >> 16;
        const uint32_t lo = (e0 & 0xFFFF) | (e1 & 0xFFFF) << l0, hi = (e2 & 0xFFFF) | (e3 & 0xFFFF) << l2;
        w_.add(lo | uint64_t(hi) << l01, l01 + l2 + (e3 >> 16));
        w_.flush();
    }
    // n repeats of byte b (the byte before them): matches of ≤ 258, leaving no remainder 1–2
    // inside a match (lengths start at 3); a remainder < 3 goes out as literals.
    void run(size_t n, uint8_t b) {
        while (n >= 3) {
            size_t m = n > kMaxMatch ? kMaxMatch : n;
            if (n - m > 0 && n - m < 3) m = n - 3;
            w_.put(t_.run_bits[m], t_.run_count[m]);
            n -= m;
        }
        for (; n > 0; --n) literal(b);
    }
    void end_of_block() { put(t_.end_of_block); }

private:
    void put(uint32_t packed) { w_.put(packed & 0xFFFF, packed >> 16); }

    const Tables &t_;
    BitWriter &w_;
};

// Length of the run of byte b starting at p (p < end).
size_t run_length(const uint8_t *p, const uint8_t *end, uint8_t b) {
    const uint8_t *q = p;
    const simd::V vb = simd::splat(b);
    while (end - q >= 16) {
        const uint32_t m = simd::bitmask(simd::eq(simd::load(q), vb));
        if (m != 0xFFFF) return size_t(q - p) + __builtin_ctz(~m);
        q += 16;
    }
    while (q < end && *q == b) ++q;
    return size_t(q - p);
}

inline void emit_tokens_to(const uint8_t *d, size_t size, Emitter &e) {
    if (size == 0) return;
    e.literal(d[0]);
    size_t i = 1;
    // Bit k of `same` (32 bytes from i): d[i+k] == d[i+k-1]. A run starts at i+k when bits
    // k..k+kMinRun-1 are all set; with none in the first 16, those 16 are literals.
    while (i + 33 <= size) {
        const uint32_t same = simd::bitmask(simd::eq(simd::load(d + i), simd::load(d + i - 1))) |
                              simd::bitmask(simd::eq(simd::load(d + i + 16), simd::load(d + i + 15))) << 16;
        uint32_t starts = same;
        for (size_t s = 1; s < kMinRun; s *= 2) starts &= starts >> s;
        starts &= 0xFFFF;
        if (!starts) {
            for (int k = 0; k < 16; k += 4) e.literals4(d + i + k);
            i += 16;
            continue;
        }
        const size_t k = __builtin_ctz(starts);
        for (size_t j = 0; j < k; ++j) e.literal(d[i + j]);
        const size_t p = i + k;
        const size_t n = kMinRun + run_length(d + p + kMinRun, d + size, d[p - 1]);
        e.run(n, d[p - 1]);
        i = p + n;
    }
    while (i < size) {  // the last < 33 bytes
        const size_t n = run_length(d + i, d + size, d[i - 1]);
        if (n >= kMinRun) {
            e.run(n, d[i - 1]);
            i += n;
        } else {
            e.literal(d[i++]);
        }
    }
}

// The token stream of d, then end-of-block. `writer` is copied into a local for the loop: the
// header writer's address escapes into write_header, which can keep its state in memory (a
// load/store round trip per code). Native callgrind, 12 MP photo: fast_segment 534 → 521 M
// instructions.
void emit_tokens(const uint8_t *d, size_t size, const Tables &t, BitWriter &writer) {
    BitWriter w = writer;
    Emitter e(t, w);
    emit_tokens_to(d, size, e);
    e.end_of_block();
    writer = w;
}

}  // namespace

size_t fast_segment_bound(size_t size) { return size * kMaxLitBits / 8 + 1024; }

void sampled_histogram(const uint8_t *data, size_t size, uint32_t hist[256]) {
    // Every 4th group of 4 bytes, into 4 interleaved counters (no store-to-load stalls). Every
    // symbol keeps a code, so sampling only shifts code lengths: counting every byte took ~20 % of
    // the fast path's instructions and gave no smaller output: 12 MP photo 15.710 MB all bytes vs
    // 15.706 sampled, spider_web 9.251 vs 9.250, Path 7.814 vs 7.817, astronaut 0.4270 vs 0.4277
    // (native pixelpipe_native encode, level 2).
    uint32_t h4[4][256] = {{0}};
    for (size_t i = 0; i + 4 <= size; i += 16) {
        h4[0][data[i]]++;
        h4[1][data[i + 1]]++;
        h4[2][data[i + 2]]++;
        h4[3][data[i + 3]]++;
    }
    for (int b = 0; b < 256; ++b) hist[b] = h4[0][b] + h4[1][b] + h4[2][b] + h4[3][b];
}

size_t fast_segment(const uint8_t *data, size_t size, uint8_t *out) {
    uint32_t hist[256];
    sampled_histogram(data, size, hist);
    BitWriter w(out);
    Tables t;
    write_header(hist, w, t);
    emit_tokens(data, size, t, w);
    w.put(0, 3);  // an empty stored block: BFINAL 0, BTYPE 00, aligned, LEN 0, NLEN 0xFFFF
    w.align();
    w.put(0xFFFF0000u, 32);
    return w.written();
}

size_t stored_segment_bound(size_t size) { return size + (size / 65535 + 1) * 5; }

size_t stored_segment(const uint8_t *data, size_t size, uint8_t *out) {
    uint8_t *p = out;
    while (size > 0) {
        const size_t n = size > 65535 ? 65535 : size;
        const uint8_t header[5] = {0, uint8_t(n), uint8_t(n >> 8), uint8_t(~n), uint8_t(~n >> 8)};
        std::memcpy(p, header, 5);
        std::memcpy(p + 5, data, n);
        p += 5 + n;
        data += n;
        size -= n;
    }
    return size_t(p - out);
}

}  // namespace pixelpipe::codec::deflate
