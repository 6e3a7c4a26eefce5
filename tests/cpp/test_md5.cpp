// test_md5.cpp: codec/md5.h (the GUID of JPEG extended XMP) against the test suite of RFC 1321
// §A.5, plus the widely published digest of one million 'a' (many calls' worth of 64-byte blocks).
#include <string>

#include "check.h"
#include "codec/md5.h"

using namespace pixelpipe;

namespace {

std::string md5(const std::string &s) { return codec::md5_hex_upper(reinterpret_cast<const uint8_t *>(s.data()), s.size()); }

}  // namespace

int main() {
    CHECK(md5("") == "D41D8CD98F00B204E9800998ECF8427E");
    CHECK(md5("a") == "0CC175B9C0F1B6A831C399E269772661");
    CHECK(md5("abc") == "900150983CD24FB0D6963F7D28E17F72");
    CHECK(md5("message digest") == "F96B697D7CB7938D525A2F31AAF161D0");
    CHECK(md5("abcdefghijklmnopqrstuvwxyz") == "C3FCD3D76192E4007DFB496CCA67E13B");
    CHECK(md5("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") == "D174AB98D277D9F5A5611C2C9F419D9F");
    CHECK(md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
          "57EDF4A22BE3C955AC49DA2E2107B67A");
    CHECK(md5(std::string(1000000, 'a')) == "7707D6AE4E027C70EEA2A935C2296F21");
    return check_summary();
}
