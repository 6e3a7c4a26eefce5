// json_writer.h: the few lines analyze_to_json needs to write JSON: objects, arrays, numbers
// (non-finite → null, so a NaN can never reach JS), strings with escapes. Commas are automatic.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace pixelpipe::analysis {

class JsonWriter {
public:
    JsonWriter &begin_object() { value_prefix(); out_ += '{'; first_ = true; return *this; }
    JsonWriter &end_object() { out_ += '}'; first_ = false; return *this; }
    JsonWriter &begin_array() { value_prefix(); out_ += '['; first_ = true; return *this; }
    JsonWriter &end_array() { out_ += ']'; first_ = false; return *this; }
    JsonWriter &key(const char *k) {
        if (!first_) out_ += ',';
        string_literal(k);
        out_ += ':';
        after_key_ = true;
        return *this;
    }
    JsonWriter &number(double v) {
        value_prefix();
        if (!std::isfinite(v)) { out_ += "null"; return *this; }
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.10g", v);  // doubles survive to 1e-10 relative
        out_ += buf;
        return *this;
    }
    JsonWriter &integer(int64_t v) { value_prefix(); out_ += std::to_string(v); return *this; }
    JsonWriter &boolean(bool v) { value_prefix(); out_ += v ? "true" : "false"; return *this; }
    JsonWriter &null() { value_prefix(); out_ += "null"; return *this; }
    JsonWriter &string(const std::string &s) { value_prefix(); string_literal(s); return *this; }
    // Shorthands for "key": value.
    JsonWriter &field(const char *k, double v) { return key(k).number(v); }
    JsonWriter &field_int(const char *k, int64_t v) { return key(k).integer(v); }
    JsonWriter &field(const char *k, const std::string &v) { return key(k).string(v); }
    // Splices an already-written JSON value (from another writer).
    JsonWriter &raw(const std::string &json) { value_prefix(); out_ += json; return *this; }
    const std::string &str() const { return out_; }

private:
    void value_prefix() {
        if (after_key_) { after_key_ = false; first_ = false; return; }
        if (!first_) out_ += ',';
        first_ = false;
    }
    void string_literal(const std::string &s) {
        out_ += '"';
        for (unsigned char ch : s) {
            if (ch == '"' || ch == '\\') { out_ += '\\'; out_ += char(ch); }
            else if (ch < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", ch); out_ += b; }
            else out_ += char(ch);
        }
        out_ += '"';
    }
    std::string out_;
    bool first_ = true;
    bool after_key_ = false;
};

}  // namespace pixelpipe::analysis
