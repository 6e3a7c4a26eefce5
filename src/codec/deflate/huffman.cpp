// huffman.cpp: see huffman.h. Code lengths come from the classic two-queue Huffman merge over
// symbols sorted by frequency (O(n log n), no heap).
#include "codec/deflate/huffman.h"

#include <algorithm>
#include <vector>

namespace pixelpipe::codec::deflate {
namespace {

// One Huffman build; returns the longest code length.
int build_once(const std::vector<std::pair<uint32_t, int>> &sorted, int n, uint8_t *lengths) {
    const int m = int(sorted.size());
    // Nodes 0..m-1 are leaves (ascending frequency), m.. internal nodes in creation order (also
    // ascending), so the two smallest are always at the fronts of the two queues. Fixed arrays:
    // this runs three times per strip, and heap allocation was a visible share of it.
    uint64_t weight[2 * kMaxSymbols];
    int parent[2 * kMaxSymbols];
    for (int i = 0; i < m; ++i) weight[i] = sorted[i].first;
    int leaf = 0, inner = m, next = m;
    auto take = [&]() {
        if (leaf < m && (inner >= next || weight[leaf] <= weight[inner])) return leaf++;
        return inner++;
    };
    while (next < 2 * m - 1) {
        const int a = take(), b = take();
        weight[next] = weight[a] + weight[b];
        parent[a] = parent[b] = next;
        ++next;
    }
    int depth[2 * kMaxSymbols];
    depth[2 * m - 2] = 0;  // the root
    for (int i = 2 * m - 3; i >= 0; --i) depth[i] = depth[parent[i]] + 1;  // parents come later
    int longest = 0;
    std::fill(lengths, lengths + n, 0);
    for (int i = 0; i < m; ++i) {
        lengths[sorted[i].second] = uint8_t(depth[i]);
        longest = std::max(longest, depth[i]);
    }
    return longest;
}

}  // namespace

void huffman_lengths(const uint32_t *freq, int n, int max_bits, uint8_t *lengths) {
    std::vector<std::pair<uint32_t, int>> sorted;
    for (int i = 0; i < n; ++i)
        if (freq[i]) sorted.push_back({freq[i], i});
    for (int i = 0; sorted.size() < 2 && i < n; ++i)  // at least two codes
        if (!freq[i]) sorted.push_back({1, i});
    std::sort(sorted.begin(), sorted.end());
    // Halving (f >> 1 | 1) is monotonic, so `sorted` stays in ascending order: no re-sort.
    while (build_once(sorted, n, lengths) > max_bits)
        for (auto &s : sorted) s.first = (s.first >> 1) | 1;
}

void canonical_codes(const uint8_t *lengths, int n, uint16_t *codes) {
    int count[16] = {0};
    for (int i = 0; i < n; ++i) count[lengths[i]]++;
    count[0] = 0;
    int next[16] = {0};
    int code = 0;
    for (int bits = 1; bits < 16; ++bits) {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    for (int i = 0; i < n; ++i) {
        const int len = lengths[i];
        if (!len) { codes[i] = 0; continue; }
        int c = next[len]++, r = 0;
        for (int b = 0; b < len; ++b) r |= ((c >> b) & 1) << (len - 1 - b);
        codes[i] = uint16_t(r);
    }
}

}  // namespace pixelpipe::codec::deflate
