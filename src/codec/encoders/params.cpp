// params.cpp: ParamReader (see params.h).
#include "codec/encoders/params.h"

#include <cmath>

namespace pixelpipe::codec {

ParamReader::ParamReader(const EncodeParams &params, std::string format) : params_(&params), format_(std::move(format)) {}
ParamReader::ParamReader(std::string format) : format_(std::move(format)) {}

void ParamReader::fail(const std::string &message) {
    if (first_error_.is_ok()) first_error_ = Status::error(ErrorCode::INVALID_ARGUMENT, format_ + " option " + message);
}

const double *ParamReader::find_number(const std::string &key) {
    read_.push_back(key);
    if (!params_) return nullptr;
    auto it = params_->num.find(key);
    if (it == params_->num.end()) {
        fail("'" + key + "' was not sent (the format catalogue must send every option)");
        return nullptr;
    }
    consumed_.insert(key);
    if (!std::isfinite(it->second)) {
        fail("'" + key + "' is not a finite number");
        return nullptr;
    }
    return &it->second;
}

double ParamReader::number(const std::string &key, double lo, double hi) {
    const double *v = find_number(key);
    if (!v) return lo;
    if (*v < lo || *v > hi) {
        fail("'" + key + "' = " + std::to_string(*v) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
        return lo;
    }
    return *v;
}

int ParamReader::integer(const std::string &key, int lo, int hi) {
    const double *v = find_number(key);
    if (!v) return lo;
    if (*v != std::floor(*v) || *v < lo || *v > hi) {
        fail("'" + key + "' = " + std::to_string(*v) + " is not an integer in " + std::to_string(lo) + ".." +
             std::to_string(hi));
        return lo;
    }
    return int(*v);
}

bool ParamReader::boolean(const std::string &key) {
    const double *v = find_number(key);
    if (!v) return false;
    if (*v != 0 && *v != 1) {
        fail("'" + key + "' must be a boolean");
        return false;
    }
    return *v == 1;
}

int ParamReader::choice(const std::string &key, std::initializer_list<const char *> allowed) {
    read_.push_back(key);
    if (!params_) return 0;
    auto it = params_->str.find(key);
    if (it == params_->str.end()) {
        fail("'" + key + "' was not sent (the format catalogue must send every option)");
        return 0;
    }
    consumed_.insert(key);
    int i = 0;
    std::string names;
    for (const char *name : allowed) {
        if (it->second == name) return i;
        names += (i++ ? ", " : "") + std::string("'") + name + "'";
    }
    fail("'" + key + "' = '" + it->second + "' is not one of " + names);
    return 0;
}

std::vector<int> ParamReader::integers(const std::string &key, size_t min_count, size_t max_count, int lo, int hi) {
    read_.push_back(key);
    std::vector<int> values;
    if (!params_) return values;
    for (;;) {
        const std::string k = key + "." + std::to_string(values.size());
        auto it = params_->num.find(k);
        if (it == params_->num.end()) break;
        consumed_.insert(k);
        const double v = it->second;
        if (!std::isfinite(v) || v != std::floor(v) || v < lo || v > hi) {
            fail("'" + key + "' entries must be integers in " + std::to_string(lo) + ".." + std::to_string(hi));
            return {};
        }
        values.push_back(int(v));
    }
    if (values.size() < min_count || values.size() > max_count) {
        fail("'" + key + "' must have " + std::to_string(min_count) + ".." + std::to_string(max_count) +
             " entries, got " + std::to_string(values.size()));
        return {};
    }
    return values;
}

std::array<uint8_t, 4> ParamReader::rgba(const std::string &key) {
    const std::vector<int> v = integers(key, 4, 4, 0, 255);
    if (v.size() != 4) return {0, 0, 0, 0};
    return {uint8_t(v[0]), uint8_t(v[1]), uint8_t(v[2]), uint8_t(v[3])};
}

Status ParamReader::finish() const {
    if (!first_error_.is_ok()) return first_error_;
    if (!params_) return Status::ok();
    auto unread = [&](const std::string &k) -> Status {
        return Status::error(ErrorCode::INVALID_ARGUMENT, format_ + " has no option '" + k + "'");
    };
    for (const auto &[k, v] : params_->num)
        if (!consumed_.count(k)) return unread(k);
    for (const auto &[k, v] : params_->str)
        if (!consumed_.count(k)) return unread(k);
    return Status::ok();
}

}  // namespace pixelpipe::codec
