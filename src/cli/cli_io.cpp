// cli_io.cpp: see cli_io.h.
#include "cli/cli_io.h"

#include <cstdio>
#include <cstring>

#include "codec/decode.h"

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

bool write_file(const char *path, const std::vector<uint8_t> &header, const uint8_t *body, size_t body_size) {
    FILE *f = std::fopen(path, "wb");
    if (!f) return false;
    bool ok = std::fwrite(header.data(), 1, header.size(), f) == header.size() &&
              std::fwrite(body, 1, body_size, f) == body_size;
    return std::fclose(f) == 0 && ok;
}

void put_u32(std::vector<uint8_t> &v, uint32_t x) {
    for (int i = 0; i < 4; ++i) v.push_back(uint8_t(x >> (8 * i)));
}

uint32_t get_u32(const uint8_t *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (uint32_t(p[3]) << 24); }

bool ends_with(const std::string &s, const std::string &suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Result<Image> load_image_file(const std::string &path, const Limits &limits) {
    std::vector<uint8_t> bytes;
    if (!read_file(path.c_str(), bytes)) return Status::error(ErrorCode::INVALID_ARGUMENT, "cannot read " + path);
    if (!ends_with(path, ".ppraw")) {
        auto decoded = codec::decode_image(bytes.data(), bytes.size(), limits);
        if (!decoded.ok()) return decoded.status();
        return std::move(decoded.value().image);
    }
    return image_from_ppraw(bytes, limits);
}

Result<Image> image_from_ppraw(const std::vector<uint8_t> &bytes, const Limits &limits) {
    if (bytes.size() < 16 || std::memcmp(bytes.data(), kRawMagic, 8) != 0)
        return Status::error(ErrorCode::INVALID_ARGUMENT, "not a .ppraw file");
    const int w = int(get_u32(&bytes[8])), h = int(get_u32(&bytes[12]));
    Status s = check_dimensions(w, h, limits);
    if (!s.is_ok()) return s;
    if (bytes.size() != 16 + size_t(w) * size_t(h) * 4) return Status::error(ErrorCode::INVALID_ARGUMENT, ".ppraw size mismatch");
    auto img = Image::allocate(w, h);
    if (!img.ok()) return img.status();
    std::memcpy(img.value().data(), bytes.data() + 16, img.value().size_bytes());
    return img;
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

bool write_ppraw(const std::string &path, const Image &img) {
    std::vector<uint8_t> header(kRawMagic, kRawMagic + 8);
    put_u32(header, uint32_t(img.width()));
    put_u32(header, uint32_t(img.height()));
    return write_file(path.c_str(), header, img.data(), img.size_bytes());
}

int fail(const Status &s, const std::string &where) {
    std::fprintf(stderr, "ERROR %s: %s", error_code_name(s.code), s.message.c_str());
    if (!where.empty()) std::fprintf(stderr, " (%s)", where.c_str());
    std::fprintf(stderr, "\n");
    return 2;
}

}  // namespace pixelpipe::cli
