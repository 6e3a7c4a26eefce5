// params.h: encoder options as the JS format catalogue sends them, and the one way encoders read
// them. The catalogue fills EVERY option of a format (defaults included), so C++ has no defaults:
// a ParamReader records each key an encoder reads; encode() fails with INVALID_ARGUMENT when a
// key was sent that no reader read (a misspelt or renamed option) or a read key was not sent.
#pragma once
#include <array>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace pixelpipe::codec {

// Same conventions as ops::OpSpec (bindings/marshal.cpp fills both the same way): numbers and
// booleans (0/1) in num[key], strings in str[key], numeric arrays as num["key.0"], num["key.1"], ...
struct EncodeParams {
    std::map<std::string, double> num;
    std::map<std::string, std::string> str;
};

class ParamReader {
public:
    ParamReader(const EncodeParams &params, std::string format);
    // Discovery mode (list_encoders): no params, every read succeeds with a neutral value and only
    // the key names are recorded.
    explicit ParamReader(std::string format);

    double number(const std::string &key, double lo, double hi);
    int integer(const std::string &key, int lo, int hi);
    bool boolean(const std::string &key);
    // One of `allowed`; returns the index into it.
    int choice(const std::string &key, std::initializer_list<const char *> allowed);
    // A numeric array of min_count..max_count integers, each lo..hi.
    std::vector<int> integers(const std::string &key, size_t min_count, size_t max_count, int lo, int hi);
    // [r, g, b, a] with components 0..255.
    std::array<uint8_t, 4> rgba(const std::string &key);

    // The first problem met, else unread keys, else OK.
    Status finish() const;
    const std::vector<std::string> &keys_read() const { return read_; }
    bool discovering() const { return params_ == nullptr; }

private:
    const double *find_number(const std::string &key);
    void fail(const std::string &message);

    const EncodeParams *params_ = nullptr;
    std::string format_;
    std::vector<std::string> read_;
    std::set<std::string> consumed_;  // num/str keys (arrays: every key.i) that a read accounted for
    Status first_error_;
};

// Formats without options (bmp, tga) read nothing: any key sent is then reported as unknown.
struct NoOptions {};
inline NoOptions read_no_options(ParamReader &) { return {}; }

}  // namespace pixelpipe::codec
