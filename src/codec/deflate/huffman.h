// huffman.h: length-limited canonical Huffman codes for deflate (RFC 1951 §3.2.2).
#pragma once
#include <cstdint>

namespace pixelpipe::codec::deflate {

// Code lengths (0 = unused) for n symbols from their frequencies, none longer than max_bits.
// At least two symbols get a code (a zero-frequency neighbour is added) so every decoder
// accepts the tree. Over-long trees are rebuilt from halved frequencies: simple, and at the sizes
// used here (≤ 286 symbols, limit 15) it costs < 0.1 % of output in the rare case it triggers.
// n ≤ kMaxSymbols (deflate's alphabets: 286 literal/length, 30 distance, 19 code-length symbols).
constexpr int kMaxSymbols = 288;
void huffman_lengths(const uint32_t *freq, int n, int max_bits, uint8_t *lengths);

// Canonical codes from lengths, bit-reversed (deflate sends Huffman codes MSB first into an
// LSB-first bit stream).
void canonical_codes(const uint8_t *lengths, int n, uint16_t *codes);

}  // namespace pixelpipe::codec::deflate
