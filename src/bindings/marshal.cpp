#include "bindings/marshal.h"

#include <string>

#include "pipeline/output.h"

namespace pixelpipe::bindings {
using emscripten::val;

pipeline::OpSpec step_from_js(const val &step) {
    pipeline::OpSpec op;
    op.op = step["op"].as<std::string>();
    const val keys = val::global("Object").call<val>("keys", step);
    const int n = keys["length"].as<int>();
    for (int i = 0; i < n; ++i) {
        const std::string key = keys[i].as<std::string>();
        if (key == "op") continue;
        const val v = step[key];
        const std::string type = v.typeOf().as<std::string>();
        if (type == "number") {
            op.num[key] = v.as<double>();
        } else if (type == "boolean") {
            op.num[key] = v.as<bool>() ? 1 : 0;
        } else if (type == "string") {
            op.str[key] = v.as<std::string>();
        } else if (val::global("Array").call<bool>("isArray", v)) {
            const int m = v["length"].as<int>();
            for (int j = 0; j < m; ++j) op.num[key + "." + std::to_string(j)] = v[j].as<double>();
        }
    }
    return op;
}

std::vector<pipeline::VariantSpec> variants_from_js(const val &variants) {
    std::vector<pipeline::VariantSpec> out;
    const int n = variants["length"].as<int>();
    for (int i = 0; i < n; ++i) {
        const val v = variants[i];
        pipeline::VariantSpec spec;
        spec.id = v["id"].as<std::string>();
        spec.output = step_from_js(v["output"]);
        const val steps = v["steps"];
        const int m = steps.isUndefined() ? 0 : steps["length"].as<int>();
        for (int j = 0; j < m; ++j) spec.steps.push_back(step_from_js(steps[j]));
        out.push_back(std::move(spec));
    }
    return out;
}

Limits limits_from_js(const val &limits) {
    Limits l;
    if (limits.isUndefined() || limits.isNull()) return l;
    if (!limits["maxPixels"].isUndefined()) l.max_pixels = uint64_t(limits["maxPixels"].as<double>());
    if (!limits["maxSide"].isUndefined()) l.max_side = limits["maxSide"].as<int>();
    return l;
}

val error_to_js(const Status &status) {
    val e = val::object();
    e.set("ok", false);
    e.set("code", std::string(error_code_name(status.code)));
    e.set("message", status.message);
    e.set("variant", status.variant);
    e.set("step", status.step);
    return e;
}

val image_output_to_js(const Image &image, const val &output) {
    const bool raw = output.isUndefined() || output.isNull();
    val r = val::object();
    r.set("ok", true);
    r.set("width", image.width());
    r.set("height", image.height());
    if (raw) {
        r.set("format", std::string("raw"));
        r.set("data", bytes_to_js(image.data(), image.size_bytes()));
        return r;
    }
    const ops::OpSpec spec = step_from_js(output);
    if (spec.op == "raw") {
        r.set("format", std::string("raw"));
        r.set("data", bytes_to_js(image.data(), image.size_bytes()));
        return r;
    }
    auto bytes = pipeline::encode_output(image, spec);
    if (!bytes.ok()) return error_to_js(bytes.status());
    r.set("format", spec.op);
    r.set("data", bytes_to_js(bytes.value().data(), bytes.value().size()));
    return r;
}

val bytes_to_js(const uint8_t *data, size_t size) {
    val arr = val::global("Uint8Array").new_(size);
    arr.call<void>("set", val(emscripten::typed_memory_view(size, data)));
    return arr;
}

val result_to_js(const pipeline::VariationsResult &result) {
    val r = val::object();
    r.set("ok", true);
    r.set("sourceWidth", result.source_width);
    r.set("sourceHeight", result.source_height);
    r.set("sourceFormat", result.source_format);
    r.set("decodeMs", result.decode_ms);
    val outputs = val::array();
    for (const auto &o : result.outputs) {
        val out = val::object();
        out.set("id", o.id);
        out.set("format", o.format);
        out.set("width", o.width);
        out.set("height", o.height);
        out.set("pipelineMs", o.pipeline_ms);
        out.set("encodeMs", o.encode_ms);
        out.set("sharedSteps", o.shared_steps);
        out.set("data", bytes_to_js(o.data(), o.size()));
        if (!o.warnings.empty()) {
            val warnings = val::array();
            for (const std::string &w : o.warnings) warnings.call<void>("push", w);
            out.set("warnings", warnings);
        }
        outputs.call<void>("push", out);
    }
    r.set("outputs", outputs);
    return r;
}

}  // namespace pixelpipe::bindings
