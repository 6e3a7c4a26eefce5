// fast_deflate.cpp: see fast_deflate.h. Token stream: literals, and (length, distance 1) pairs
// for runs of the previous byte. Two passes per segment: byte histogram, then emit.
#include "codec/deflate/fast_deflate.h"

#include <cstring>

#include "codec/deflate/huffman.h"

namespace pixelpipe::codec::deflate {
namespace {

// Runs shorter than this stay literals: in filtered photo data a zero literal costs 1–3 bits,
// a length code + distance code ~6–9 bits, so short runs do not pay. (From that cost estimate;
// not tuned by measurement yet.)
constexpr size_t kMinRun = 8;
constexpr size_t kMaxMatch = 258;

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

// Writes into a buffer the caller sized for the worst case (bounded by 15-bit codes + extras).
class BitWriter {
public:
    explicit BitWriter(uint8_t *dst) : start_(dst), p_(dst) {}
    void put(uint64_t bits, int count) {
        acc_ |= bits << used_;
        used_ += count;
        if (used_ >= 32) {
            const uint32_t w = uint32_t(acc_);
            std::memcpy(p_, &w, 4);  // wasm32 and x86-64 are little-endian
            p_ += 4;
            acc_ >>= 32;
            used_ -= 32;
        }
    }
    void align() {  // flush to a byte boundary with zero bits
        while (used_ > 0) {
            *p_++ = uint8_t(acc_);
            acc_ >>= 8;
            used_ = used_ > 8 ? used_ - 8 : 0;
        }
    }
    size_t written() const { return size_t(p_ - start_); }

private:
    uint8_t *start_, *p_;
    uint64_t acc_ = 0;
    int used_ = 0;
};

// Calls lit(byte) and run(length) for the token stream of data.
template <class Lit, class Run>
void tokens(const uint8_t *data, size_t size, Lit lit, Run run) {
    size_t i = 0;
    while (i < size) {
        const uint8_t b = data[i];
        lit(b);
        ++i;
        size_t j = i;
        while (j < size && data[j] == b) ++j;
        size_t n = j - i;
        if (n < kMinRun) {
            for (; i < j; ++i) lit(b);
            continue;
        }
        i = j;
        while (n >= 3) {
            size_t m = n > kMaxMatch ? kMaxMatch : n;
            if (n - m > 0 && n - m < 3) m = n - 3;  // leave a codable remainder
            run(m);
            n -= m;
        }
        for (; n > 0; --n) lit(b);
    }
}

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

void empty_stored_block(BitWriter &w) {
    w.put(0, 3);  // BFINAL 0, BTYPE 00
    w.align();
    w.put(0xFFFF0000u, 32);  // LEN 0, NLEN 0xFFFF
}

}  // namespace

void fast_segment(const uint8_t *data, size_t size, std::vector<uint8_t> &out) {
    // Table statistics from the plain byte histogram (4 interleaved counters: no store-to-load
    // stalls), every literal and length symbol at least 1 so any token can be coded. Counting
    // exact tokens instead took as long as emitting them (perf, 12 MP photo: ~half of the time);
    // the plain histogram only over-counts bytes inside runs, which already code cheaply.
    uint32_t h4[4][256] = {{0}};
    size_t i = 0;
    for (; i + 4 <= size; i += 4) {
        h4[0][data[i]]++;
        h4[1][data[i + 1]]++;
        h4[2][data[i + 2]]++;
        h4[3][data[i + 3]]++;
    }
    for (; i < size; ++i) h4[0][data[i]]++;
    uint32_t lit_freq[286], dist_freq[30] = {0};
    for (int b = 0; b < 256; ++b) lit_freq[b] = 1 + h4[0][b] + h4[1][b] + h4[2][b] + h4[3][b];
    for (int c = 256; c < 286; ++c) lit_freq[c] = 1;
    dist_freq[0] = 1;  // distance 1
    uint8_t lit_len[286], dist_len[30];
    huffman_lengths(lit_freq, 286, 15, lit_len);
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

    // Worst case: 15-bit literal codes, plus the header (≤ 316 lengths × 7+7 bits) and framing.
    const size_t start = out.size();
    out.resize(start + size * 15 / 8 + 1024);
    BitWriter w(out.data() + start);
    w.put(0 | (2 << 1), 3);  // BFINAL 0, BTYPE 10 (dynamic)
    w.put(hlit - 257, 5);
    w.put(hdist - 1, 5);
    w.put(hclen - 4, 4);
    for (int i = 0; i < hclen; ++i) w.put(cl_len[kClOrder[i]], 3);
    for (const auto &s : cl) {
        w.put(cl_code[s.sym], cl_len[s.sym]);
        if (s.extra_bits) w.put(s.extra, s.extra_bits);
    }
    tokens(data, size, [&](uint8_t b) { w.put(lit_code[b], lit_len[b]); },
           [&](size_t n) {
               const int c = kLen.code[n];
               w.put(lit_code[257 + c], lit_len[257 + c]);
               if (kLenExtra[c]) w.put(n - kLenBase[c], kLenExtra[c]);
               w.put(dist_code[0], dist_len[0]);
           });
    w.put(lit_code[256], lit_len[256]);
    empty_stored_block(w);
    w.align();
    out.resize(start + w.written());
}

void stored_segment(const uint8_t *data, size_t size, std::vector<uint8_t> &out) {
    out.reserve(out.size() + size + size / 65535 * 5 + 16);
    while (size > 0) {
        const size_t n = size > 65535 ? 65535 : size;
        const uint8_t header[5] = {0, uint8_t(n), uint8_t(n >> 8), uint8_t(~n), uint8_t(~n >> 8)};
        out.insert(out.end(), header, header + 5);
        out.insert(out.end(), data, data + n);
        data += n;
        size -= n;
    }
}

void final_block(std::vector<uint8_t> &out) {
    // BFINAL 1, BTYPE 01 (fixed), end-of-block = 7 zero bits: 10 bits → 0x03 0x00.
    out.push_back(0x03);
    out.push_back(0x00);
}

void zlib_header(std::vector<uint8_t> &out) {
    out.push_back(0x78);  // deflate, 32 KB window
    out.push_back(0x01);  // FCHECK so that 0x7801 % 31 == 0; "fastest" level hint
}

uint32_t adler32_combine(uint32_t a, uint32_t b, size_t size_b) {
    constexpr uint64_t kMod = 65521;
    const uint64_t a1 = a & 0xFFFF, a2 = a >> 16, b1 = b & 0xFFFF, b2 = b >> 16;
    const uint64_t n = size_b % kMod;
    const uint64_t s1 = (a1 + b1 + kMod - 1) % kMod;
    const uint64_t s2 = (a2 + b2 + n * ((a1 + kMod - 1) % kMod)) % kMod;
    return uint32_t(s2 << 16 | s1);
}

}  // namespace pixelpipe::codec::deflate
