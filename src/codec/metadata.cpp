// metadata.cpp: header facts of JPEG (SOF, APP1 Exif) and PNG (IHDR, tRNS, eXIf); the ICC
// profile of JPEG, PNG and WebP through icc_extract.h + color/icc_profile.h (description, colour
// space, class).
#include "codec/metadata.h"

#include "codec/chunks.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "analysis/json_writer.h"
#include "codec/exif.h"
#include "codec/icc_extract.h"
#include "color/icc_profile.h"

namespace pixelpipe::codec {
namespace {

void read_exif(const uint8_t *tiff, size_t n, SourceMetadata &m) {
    m.exif = true;
    const ExifFields f = tiff_exif_fields(tiff, n);
    m.make = f.make;
    m.model = f.model;
    m.date_time = f.date_time;
    m.gps = f.gps;
}

void read_jpeg(const uint8_t *data, size_t size, SourceMetadata &m) {
    for_each_jpeg_segment(data, size, [&](uint8_t marker, const uint8_t *seg, size_t n) {
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof && n >= 1) m.bit_depth = seg[0];
        if (marker == 0xE1 && n >= 6 && std::memcmp(seg, "Exif\0\0", 6) == 0 && !m.exif) read_exif(seg + 6, n - 6, m);
        return true;
    });
}

void read_png(const uint8_t *data, size_t size, SourceMetadata &m) {
    for_each_png_chunk(data, size, [&](const uint8_t *type, const uint8_t *body, size_t len) {
        if (std::memcmp(type, "IHDR", 4) == 0 && len >= 13) {
            m.bit_depth = body[8];
            m.has_alpha = body[9] == 4 || body[9] == 6;
        } else if (std::memcmp(type, "tRNS", 4) == 0) {
            m.has_alpha = true;
        } else if (std::memcmp(type, "eXIf", 4) == 0) {
            read_exif(body, len, m);
        }
        return std::memcmp(type, "IEND", 4) != 0;
    });
}

}  // namespace

SourceMetadata read_metadata(const uint8_t *data, size_t size) {
    SourceMetadata m;
    if (!data) return m;
    if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) read_jpeg(data, size, m);
    else if (size >= 8 && std::memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) read_png(data, size, m);
    const EmbeddedColor color = extract_embedded_color(data, size);
    m.icc = color.declared;
    m.icc_description = color.png_name;
    if (!color.icc.empty()) {
        // A profile whose tags are damaged still reports what its header says.
        const size_t n = color.icc.size();
        if (n >= 24) m.icc_color_space = std::string(color.icc.begin() + 16, color.icc.begin() + 20);
        while (!m.icc_color_space.empty() && m.icc_color_space.back() == ' ') m.icc_color_space.pop_back();
        auto p = color::parse_icc_profile(color.icc.data(), n);
        if (p.ok()) {
            if (!p.value().description.empty()) m.icc_description = p.value().description;
            m.icc_color_space = p.value().color_space;
            m.icc_class = color::icc_class_name(p.value());
        }
    }
    return m;
}

std::string to_json(const SourceMetadata &m) {
    analysis::JsonWriter j;
    auto str_or_null = [&](const char *key, const std::string &v) {
        if (v.empty()) j.key(key).null();
        else j.field(key, v);
    };
    j.begin_object().field_int("bitDepth", m.bit_depth).key("hasAlpha").boolean(m.has_alpha);
    j.key("icc");
    if (m.icc) {
        j.begin_object();
        str_or_null("description", m.icc_description);
        str_or_null("colorSpace", m.icc_color_space);
        str_or_null("class", m.icc_class);
        j.end_object();
    } else {
        j.null();
    }
    j.key("exif");
    if (m.exif) {
        j.begin_object();
        str_or_null("make", m.make);
        str_or_null("model", m.model);
        str_or_null("dateTime", m.date_time);
        j.key("gps").boolean(m.gps);
        j.end_object();
    } else {
        j.null();
    }
    j.end_object();
    return j.str();
}

}  // namespace pixelpipe::codec
