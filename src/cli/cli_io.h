// cli_io.h: what the native CLI's subcommands share: whole-file I/O, the .ppraw format
// (tests/oracle/ppraw.py: "PPRAW001", u32 LE width, u32 LE height, RGBA8 rows) and error output.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/image.h"
#include "core/limits.h"
#include "core/status.h"

namespace pixelpipe::cli {

constexpr char kRawMagic[9] = "PPRAW001";

bool read_file(const char *path, std::vector<uint8_t> &out);
bool write_file(const char *path, const std::vector<uint8_t> &header, const uint8_t *body, size_t body_size);
void put_u32(std::vector<uint8_t> &v, uint32_t x);
uint32_t get_u32(const uint8_t *p);
bool ends_with(const std::string &s, const std::string &suffix);

// One `key=value` of a step or an encoder option: numbers (and true/false as 1/0) into num[key],
// "a/b/c" into num["key.0"], num["key.1"], ..., anything else into str[key].
void parse_value(const std::string &key, const std::string &value, std::map<std::string, double> &num,
                 std::map<std::string, std::string> &str);

// The bytes of a .ppraw file as an Image (dimensions checked against `limits`).
Result<Image> image_from_ppraw(const std::vector<uint8_t> &bytes, const Limits &limits = Limits{});
// A .ppraw file's pixels, or any decodable image (upright).
Result<Image> load_image_file(const std::string &path, const Limits &limits);
bool write_ppraw(const std::string &path, const Image &img);

// "ERROR <CODE>: message" on stderr (the oracle tests parse it); returns exit code 2.
// `where` is appended in parentheses when not empty.
int fail(const Status &s, const std::string &where = "");

}  // namespace pixelpipe::cli
