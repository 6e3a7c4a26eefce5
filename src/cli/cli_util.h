// cli_util.h: helpers shared by pixelpipe_native's subcommands.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::cli {

bool read_file(const char *path, std::vector<uint8_t> &out);

// One `key=value` of a step or an encoder option: numbers (and true/false as 1/0) into num[key],
// "a/b/c" into num["key.0"], num["key.1"], ..., anything else into str[key].
void parse_value(const std::string &key, const std::string &value, std::map<std::string, double> &num,
                 std::map<std::string, std::string> &str);

// A .ppraw file (PPRAW001, u32 width, u32 height, RGBA8 rows) as an Image.
Result<Image> image_from_ppraw(const std::vector<uint8_t> &bytes);

}  // namespace pixelpipe::cli
