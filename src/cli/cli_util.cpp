// cli_util.cpp: see cli_util.h.
#include "cli/cli_util.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace pixelpipe::cli {

bool read_file(const char *path, std::vector<uint8_t> &out) {
    FILE *f = std::fopen(path, "rb");
    if (!f) return false;
    uint8_t buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.insert(out.end(), buf, buf + n);
    std::fclose(f);
    return true;
}

void parse_value(const std::string &key, const std::string &value, std::map<std::string, double> &num,
                 std::map<std::string, std::string> &str) {
    if (value.find('/') != std::string::npos) {
        size_t p = 0;
        for (int i = 0; p <= value.size(); ++i) {
            size_t q = value.find('/', p);
            if (q == std::string::npos) q = value.size();
            num[key + "." + std::to_string(i)] = std::atof(value.substr(p, q - p).c_str());
            p = q + 1;
        }
        return;
    }
    char *endp = nullptr;
    const double d = std::strtod(value.c_str(), &endp);
    if (endp && *endp == '\0' && !value.empty()) num[key] = d;
    else if (value == "true" || value == "false") num[key] = value == "true" ? 1 : 0;
    else str[key] = value;
}

Result<Image> image_from_ppraw(const std::vector<uint8_t> &bytes) {
    auto u32 = [&](size_t at) {
        return uint32_t(bytes[at]) | uint32_t(bytes[at + 1]) << 8 | uint32_t(bytes[at + 2]) << 16 | uint32_t(bytes[at + 3]) << 24;
    };
    if (bytes.size() < 16 || std::memcmp(bytes.data(), "PPRAW001", 8) != 0)
        return Status::error(ErrorCode::INVALID_ARGUMENT, "not a .ppraw file");
    const int w = int(u32(8)), h = int(u32(12));
    if (w <= 0 || h <= 0 || bytes.size() != 16 + size_t(w) * size_t(h) * 4)
        return Status::error(ErrorCode::INVALID_ARGUMENT, ".ppraw size mismatch");
    auto img = Image::allocate(w, h);
    if (!img.ok()) return img.status();
    std::memcpy(img.value().data(), bytes.data() + 16, img.value().size_bytes());
    return img;
}

}  // namespace pixelpipe::cli
