// md5.h: the MD5 digest (RFC 1321) as JPEG extended XMP names its data: 32 uppercase hex digits
// (XMP Specification Part 3 §1.1.3.1, the GUID of xmpNote:HasExtendedXMP). Not for security.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace pixelpipe::codec {

// Uppercase hex of the 128-bit digest, bytes in RFC 1321's output order.
std::string md5_hex_upper(const uint8_t *data, size_t size);

}  // namespace pixelpipe::codec
