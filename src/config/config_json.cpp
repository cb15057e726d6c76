// The JSON document of a Config (docs/format.md): settings under the link's short names, the
// network's weights and biases, and custom data rows. Read strictly: unknown fields, wrong
// types and a newer version are errors naming the path.
#include <cmath>

#include "config.hpp"
#include "json.hpp"
#include "setting_table.hpp"
#include "text.hpp"

namespace bp {
namespace {

using Type = JsonValue::Type;

std::string pos(const JsonValue& v) {
  return " (" + v.where() + ")";
}

Error wrong(const std::string& path, const std::string& what, const JsonValue& v) {
  std::string got;
  switch (v.type) {
    case Type::Null: got = "null"; break;
    case Type::Bool: got = v.boolean ? "true" : "false"; break;
    case Type::Number: got = v.text; break;
    case Type::String: got = "the string " + quoted(v.text); break;
    case Type::Array: got = "an array"; break;
    case Type::Object: got = "an object"; break;
  }
  return Error{path + ": expected " + what + ", got " + got + pos(v)};
}

// The fields of one object, each taken at most once; what is left over is unknown.
class Fields {
 public:
  Fields(const JsonValue& object, std::string path) : o_(object), path_(std::move(path)) {
    used_.assign(o_.fields.size(), false);
  }
  const JsonValue* take(std::string_view key) {
    for (std::size_t i = 0; i < o_.fields.size(); ++i)
      if (o_.fields[i].first == key) {
        used_[i] = true;
        return &o_.fields[i].second;
      }
    return nullptr;
  }
  std::string path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  Status finish() const {
    for (std::size_t i = 0; i < o_.fields.size(); ++i)
      if (!used_[i])
        return Error{path(o_.fields[i].first) + ": unknown field" + pos(o_.fields[i].second)};
    return {};
  }

 private:
  const JsonValue& o_;
  std::string path_;
  std::vector<bool> used_;
};

Status get_double(const std::string& path, const JsonValue& v, double& out) {
  if (v.type != Type::Number) return wrong(path, "a number", v);
  out = v.number;
  return {};
}

Status get_whole(const std::string& path, const JsonValue& v, std::uint64_t max,
                 std::uint64_t& out) {
  if (v.type != Type::Number) return wrong(path, "a whole number", v);
  const std::optional<std::uint64_t> x = parse_whole(v.text, max);
  if (!x) return wrong(path, "a whole number from 0 to " + std::to_string(max), v);
  out = *x;
  return {};
}

Status get_int(const std::string& path, const JsonValue& v, int& out) {
  std::uint64_t x = 0;
  if (Status s = get_whole(path, v, 1000000, x); !s) return s;
  out = static_cast<int>(x);
  return {};
}

Status get_bool(const std::string& path, const JsonValue& v, bool& out) {
  if (v.type != Type::Bool) return wrong(path, "true or false", v);
  out = v.boolean;
  return {};
}

Status get_string(const std::string& path, const JsonValue& v, std::string& out) {
  if (v.type != Type::String) return wrong(path, "a string", v);
  out = v.text;
  return {};
}

Status get_activation(const std::string& path, const JsonValue& v, Activation& out) {
  if (v.type != Type::String)
    return wrong(path, "\"sigmoid\", \"tanh\", \"relu\" or \"linear\"", v);
  const std::optional<Activation> f = parse_activation(v.text);
  if (!f) return wrong(path, "\"sigmoid\", \"tanh\", \"relu\" or \"linear\"", v);
  out = *f;
  return {};
}

Status get_array(const std::string& path, const JsonValue& v, std::size_t max) {
  if (v.type != Type::Array) return wrong(path, "an array", v);
  if (v.items.size() > max)
    return Error{path + ": at most " + std::to_string(max) + " items, not " +
                 std::to_string(v.items.size()) + pos(v)};
  return {};
}

std::string index(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// An array of at most max strings (validate() checks the names).
Status get_names(const std::string& path, const JsonValue& v, std::size_t max,
                 std::vector<std::string>& out) {
  if (Status s = get_array(path, v, max); !s) return s;
  std::vector<std::string> names(v.items.size());
  for (std::size_t i = 0; i < v.items.size(); ++i)
    if (Status s = get_string(index(path, i), v.items[i], names[i]); !s) return s;
  out = std::move(names);
  return {};
}

// An array of rows of numbers, all rows as long as the first.
Status get_matrix(const std::string& path, const JsonValue& v, std::size_t max_rows,
                  std::size_t max_cols, Matrix& out) {
  if (Status s = get_array(path, v, max_rows); !s) return s;
  const auto rows = static_cast<Eigen::Index>(v.items.size());
  Eigen::Index cols = 0;
  for (std::size_t r = 0; r < v.items.size(); ++r) {
    const std::string p = index(path, r);
    const JsonValue& row = v.items[r];
    if (Status s = get_array(p, row, max_cols); !s) return s;
    if (r == 0) cols = static_cast<Eigen::Index>(row.items.size());
    if (static_cast<Eigen::Index>(row.items.size()) != cols)
      return Error{p + ": a row of " + std::to_string(row.items.size()) +
                   " numbers after rows of " + std::to_string(cols) + pos(row)};
  }
  out.resize(rows, cols);
  for (std::size_t r = 0; r < v.items.size(); ++r)
    for (std::size_t k = 0; k < v.items[r].items.size(); ++k)
      if (Status s = get_double(index(index(path, r), k), v.items[r].items[k],
                                out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(k)));
          !s)
        return s;
  return {};
}

// A setting of a simple kind (setting_table.hpp) from its JSON value.
Status read_json(const Setting& row, const std::string& path, const JsonValue& v, Config& c) {
  using K = SettingKind;
  const auto expects = [&row](std::string_view fallback) {
    return std::string(row.json_expects.empty() ? fallback : row.json_expects);
  };
  if ((row.kind == K::NumberOrNone || row.kind == K::WholeOrNone) && v.type == Type::Null) {
    row.set(c, SettingValue::none());
    return {};
  }
  SettingValue x;
  switch (row.kind) {
    case K::Number:
    case K::NumberOrNone:
      if (v.type != Type::Number) return wrong(path, expects("a number"), v);
      x = SettingValue::of(v.number);
      break;
    case K::NumberOrMax:
      if (v.type == Type::String && v.text == "max") {
        x = SettingValue::max();
      } else if (v.type == Type::Number) {
        x = SettingValue::of(v.number);
      } else {
        return wrong(path, expects("a number or \"max\""), v);
      }
      break;
    case K::Whole:
    case K::WholeOrNone: {
      std::uint64_t n = 0;
      if (Status s = get_whole(path, v, row.max, n); !s) return s;
      x = SettingValue::of_whole(n);
      break;
    }
    case K::Flag:
      if (v.type != Type::Bool) return wrong(path, "true or false", v);
      x = SettingValue::of_flag(v.boolean);
      break;
    case K::Name:
      if (v.type != Type::String) return wrong(path, expects("a string"), v);
      x = SettingValue::of_name(v.text);
      break;
    case K::Special: return Error{path + " has no generic reader"};
  }
  if (!row.set(c, x)) return wrong(path, expects("a string"), v);
  return {};
}

JsonValue json_of(const SettingValue& v) {
  switch (v.type) {
    case SettingValue::Type::None: return JsonValue::null();
    case SettingValue::Type::Max: return JsonValue::of(std::string_view("max"));
    case SettingValue::Type::Number: return JsonValue::of(v.number);
    case SettingValue::Type::Whole: return JsonValue::integer(v.whole);
    case SettingValue::Type::Flag: return JsonValue::of(v.flag);
    case SettingValue::Type::Name: return JsonValue::of(std::string_view(v.name));
  }
  return JsonValue::null();
}

Status read_settings(const JsonValue& v, const Config& defaults, Config& c) {
  if (v.type != Type::Object) return wrong("settings", "an object", v);
  Fields f(v, "settings");
  const JsonValue* x = nullptr;
  Status s;
  for (const Setting& row : kSettings)
    if (row.kind != SettingKind::Special && (x = f.take(row.key)))
      if (s = read_json(row, f.path(row.key), *x, c); !s) return s;
  if ((x = f.take("data"))) {
    std::string t;
    if (s = get_string(f.path("data"), *x, t); !s) return s;
    if (!set_data_name(c, t)) {
      return wrong(f.path("data"),
                   "\"chapter\", \"custom\", \"circle\", \"xor\", \"gaussians\", \"spiral\", "
                   "\"plane\" or \"gaussian_bump\"",
                   *x);
    }
  }
  if ((x = f.take("features"))) {
    const std::string p = f.path("features");
    if (s = get_array(p, *x, static_cast<std::size_t>(kFeatureCount)); !s) return s;
    FeatureSet set = FeatureSet::none();
    for (std::size_t i = 0; i < x->items.size(); ++i) {
      const JsonValue& item = x->items[i];
      const std::optional<Feature> ft =
          item.type == Type::String ? parse_feature(item.text) : std::nullopt;
      if (!ft)
        return wrong(
            index(p, i),
            "one of \"x1\", \"x2\", \"x1^2\", \"x2^2\", \"x1*x2\", \"sin(x1)\", \"sin(x2)\"", item);
      if (set.has(*ft))
        return Error{index(p, i) + ": " + quoted(item.text) + " is named twice" + pos(item)};
      set.set(*ft);
    }
    c.features = set;
  }
  bool hidden_given = false;
  if ((x = f.take("hidden"))) {
    const std::string p = f.path("hidden");
    if (s = get_array(p, *x, static_cast<std::size_t>(kMaxHiddenLayers)); !s) return s;
    hidden_given = true;
    c.hidden.clear();
    for (std::size_t i = 0; i < x->items.size(); ++i) {
      int n = 0;
      if (s = get_int(index(p, i), x->items[i], n); !s) return s;
      c.hidden.push_back(n);
    }
  }
  if ((x = f.take("act"))) {
    const std::string p = f.path("act");
    c.activations.clear();
    if (x->type == Type::String) {
      Activation a = Activation::Sigmoid;
      if (s = get_activation(p, *x, a); !s) return s;
      c.activations.assign(c.hidden.size(), a);
    } else {
      if (s = get_array(p, *x, static_cast<std::size_t>(kMaxHiddenLayers)); !s) return s;
      for (std::size_t i = 0; i < x->items.size(); ++i) {
        Activation a = Activation::Sigmoid;
        if (s = get_activation(index(p, i), x->items[i], a); !s) return s;
        c.activations.push_back(a);
      }
    }
  } else if (hidden_given) {
    c.activations.clear();
    for (std::size_t i = 0; i < c.hidden.size(); ++i)
      c.activations.push_back(i < defaults.activations.size() ? defaults.activations[i]
                              : defaults.activations.empty()  ? Activation::Sigmoid
                                                              : defaults.activations.back());
  }
  ViewConfig& view = c.view;
  if ((x = f.take("select"))) {
    const std::string p = f.path("select");
    if (x->type != Type::Array || x->items.size() != 3) return wrong(p, "[layer, row, col]", *x);
    int k[3] = {0, 0, 0};
    for (std::size_t i = 0; i < 3; ++i)
      if (s = get_int(index(p, i), x->items[i], k[i]); !s) return s;
    view.selected = WeightRef{k[0], k[1], k[2]};
  }
  if ((x = f.take("hide"))) s = get_names(f.path("hide"), *x, kUiElements.size(), view.hidden);
  if (!s) return s;
  if ((x = f.take("open"))) s = get_names(f.path("open"), *x, kSections.size(), view.open);
  if (!s) return s;
  return f.finish();
}

JsonValue matrix_json(const Matrix& m) {
  JsonValue rows = JsonValue::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    JsonValue row = JsonValue::array();
    for (Eigen::Index k = 0; k < m.cols(); ++k) row.push(JsonValue::of(m(r, k)));
    rows.push(std::move(row));
  }
  return rows;
}

}  // namespace

Result<Config> config_from_json(std::string_view text, const Config& defaults) {
  Result<JsonValue> parsed = parse_json(text);
  if (!parsed) return Error{parsed.error()};
  const JsonValue& doc = parsed.value();
  if (doc.type != Type::Object)
    return wrong("the document", "an object {\"format\": \"backprop\", ...}", doc);
  Fields top(doc, "");
  const JsonValue* format = top.take("format");
  if (!format || format->type != Type::String || format->text != "backprop")
    return Error{"format: not a backprop file (it needs \"format\": \"backprop\")"};
  const JsonValue* version = top.take("version");
  if (!version) return Error{"version: missing (this program reads version 1)"};
  std::uint64_t ver = 0;
  if (Status s = get_whole("version", *version, 1000000, ver); !s) return Error{s.error()};
  if (ver > static_cast<std::uint64_t>(kFormatVersion))
    return Error{"version: this file is version " + std::to_string(ver) +
                 ", newer than the version 1 this program reads; use a newer page or CLI"};
  if (ver < 1) return Error{"version: 0 is not a version of the format (version 1 is)"};

  Config c = defaults;
  if (const JsonValue* settings = top.take("settings"))
    if (Status s = read_settings(*settings, defaults, c); !s) return Error{s.error()};
  // Weights and rows come with their document: the defaults' are not carried over.
  c.weights.clear();
  c.bias_values.clear();
  c.diverged = false;
  if (c.source != DataSource::Custom || defaults.source != DataSource::Custom) c.rows = Dataset{};
  c.test_rows.reset();

  if (const JsonValue* d = top.take("diverged"))
    if (Status s = get_bool("diverged", *d, c.diverged); !s) return Error{s.error()};
  if (const JsonValue* net = top.take("network")) {
    if (c.diverged)
      return Error{
          "network: the file says its run diverged (\"diverged\": true), so it has no "
          "weights; remove one of the two" +
          pos(*net)};
    if (net->type != Type::Object) return wrong("network", "an object", *net);
    Fields f(*net, "network");
    if (const JsonValue* w = f.take("weights")) {
      const std::string p = "network.weights";
      if (Status s = get_array(p, *w, static_cast<std::size_t>(kMaxHiddenLayers) + 1); !s)
        return Error{s.error()};
      for (std::size_t l = 0; l < w->items.size(); ++l) {
        Matrix m;
        if (Status s = get_matrix(index(p, l), w->items[l], 64, 64, m); !s) return Error{s.error()};
        c.weights.push_back(std::move(m));
      }
    }
    if (const JsonValue* b = f.take("biases")) {
      const std::string p = "network.biases";
      if (Status s = get_array(p, *b, static_cast<std::size_t>(kMaxHiddenLayers) + 1); !s)
        return Error{s.error()};
      for (std::size_t l = 0; l < b->items.size(); ++l) {
        const JsonValue& item = b->items[l];
        if (Status s = get_array(index(p, l), item, 64); !s) return Error{s.error()};
        RowVector v(static_cast<Eigen::Index>(item.items.size()));
        for (std::size_t k = 0; k < item.items.size(); ++k)
          if (Status s =
                  get_double(index(index(p, l), k), item.items[k], v(static_cast<Eigen::Index>(k)));
              !s)
            return Error{s.error()};
        c.bias_values.push_back(std::move(v));
      }
    }
    if (Status s = f.finish(); !s) return Error{s.error()};
  }
  if (const JsonValue* data = top.take("data")) {
    if (data->type != Type::Object) return wrong("data", "an object", *data);
    Fields f(*data, "data");
    if (const JsonValue* rows = f.take("rows")) {
      if (c.source != DataSource::Custom)
        return Error{"data.rows: rows are only for \"data\": \"custom\" in settings" + pos(*rows)};
      Matrix m;
      if (Status s = get_matrix("data.rows", *rows, static_cast<std::size_t>(kMaxCustomRows), 3, m);
          !s)
        return Error{s.error()};
      if (m.rows() > 0 && m.cols() != 3)
        return Error{"data.rows: each row must be [x1, x2, label], not " +
                     std::to_string(m.cols()) + " numbers" + pos(*rows)};
      c.rows.X = m.leftCols(m.cols() >= 2 ? 2 : m.cols());
      c.rows.Y = m.cols() == 3 ? Matrix(m.rightCols(1)) : Matrix(m.rows(), 0);
    }
    if (const JsonValue* test = f.take("testrows")) {
      int n = 0;
      if (Status s = get_int("data.testrows", *test, n); !s) return Error{s.error()};
      c.test_rows = n;
    }
    if (Status s = f.finish(); !s) return Error{s.error()};
  }
  if (c.source == DataSource::Custom && c.rows.X.rows() == 0)
    return Error{"data.rows: \"data\": \"custom\" needs rows [[x1, x2, label], ...]"};
  if (Status s = top.finish(); !s) return Error{s.error()};
  if (Status s = validate(c); !s) return Error{s.error()};
  return c;
}

namespace {

JsonValue names_json(const std::vector<std::string>& names) {
  JsonValue array = JsonValue::array();
  for (const std::string& n : names) array.push(JsonValue::of(std::string_view(n)));
  return array;
}

JsonValue settings_json(const Config& c) {
  JsonValue settings = JsonValue::object();
  for (const Setting& row : kSettings) {
    if (row.kind != SettingKind::Special) {
      settings.add(std::string(row.key), json_of(row.get(c)));
    } else if (row.key == "data") {
      settings.add("data", JsonValue::of(std::string_view(data_name(c))));
    } else if (row.key == "features") {
      JsonValue features = JsonValue::array();
      for (Feature ft : c.features.list()) features.push(JsonValue::of(name(ft)));
      settings.add("features", std::move(features));
    } else if (row.key == "hidden") {
      JsonValue hidden = JsonValue::array();
      for (int n : c.hidden) hidden.push(JsonValue::integer_signed(n));
      settings.add("hidden", std::move(hidden));
    } else if (row.key == "act") {
      JsonValue act = JsonValue::array();
      for (Activation f : c.activations) act.push(JsonValue::of(name(f)));
      settings.add("act", std::move(act));
    } else if (row.key == "select") {
      JsonValue select = JsonValue::array();
      select.push(JsonValue::integer_signed(c.view.selected.layer));
      select.push(JsonValue::integer_signed(c.view.selected.row));
      select.push(JsonValue::integer_signed(c.view.selected.col));
      settings.add("select", std::move(select));
    } else if (row.key == "hide") {
      settings.add("hide", names_json(c.view.hidden));
    } else if (row.key == "open") {
      settings.add("open", names_json(c.view.open));
    }
  }
  return settings;
}

}  // namespace

std::string config_to_json(const Config& c, bool with_weights, bool with_data) {
  JsonValue settings = settings_json(c);
  JsonValue doc = JsonValue::object();
  doc.add("format", JsonValue::of(std::string_view("backprop")));
  doc.add("version", JsonValue::integer_signed(kFormatVersion));
  doc.add("settings", std::move(settings));
  // A diverged run's weights have no JSON form: the document says so and leaves them out.
  const bool diverged = c.diverged || !weights_finite(c);
  if (diverged) doc.add("diverged", JsonValue::of(true));
  if (with_weights && !diverged && (!c.weights.empty() || !c.bias_values.empty())) {
    JsonValue net = JsonValue::object();
    if (!c.weights.empty()) {
      JsonValue w = JsonValue::array();
      for (const Matrix& m : c.weights) w.push(matrix_json(m));
      net.add("weights", std::move(w));
    }
    if (!c.bias_values.empty()) {
      JsonValue b = JsonValue::array();
      for (const RowVector& row : c.bias_values) {
        JsonValue items = JsonValue::array();
        for (Eigen::Index k = 0; k < row.size(); ++k) items.push(JsonValue::of(row(k)));
        b.push(std::move(items));
      }
      net.add("biases", std::move(b));
    }
    doc.add("network", std::move(net));
  }
  if (with_data && c.source == DataSource::Custom) {
    Matrix m(c.rows.X.rows(), 3);
    if (c.rows.X.cols() == 2 && c.rows.Y.cols() == 1 && c.rows.Y.rows() == c.rows.X.rows()) {
      m << c.rows.X, c.rows.Y;
    } else {
      m.resize(0, 3);
    }
    JsonValue data = JsonValue::object();
    data.add("rows", matrix_json(m));
    if (c.test_rows) data.add("testrows", JsonValue::integer_signed(*c.test_rows));
    doc.add("data", std::move(data));
  }
  return write_json(doc) + "\n";
}

Result<Config> apply_settings_json(std::string_view text, const Config& current) {
  Result<JsonValue> parsed = parse_json(text);
  if (!parsed) return Error{parsed.error()};
  Config c = current;
  if (Status s = read_settings(parsed.value(), current, c); !s) return Error{s.error()};
  const NetworkSpec before = network_spec(current);
  const NetworkSpec after = network_spec(c);
  if (c.seed != current.seed || c.init != current.init || before.sizes != after.sizes ||
      before.biases != after.biases) {
    c.weights.clear();
    c.bias_values.clear();
  }
  if (c.source != DataSource::Custom) c.rows = Dataset{};
  // The rows' split as it was, unless the data or how it is split changes.
  if (c.source != DataSource::Custom || c.data.train_percent != current.data.train_percent ||
      c.data.seed != current.data.seed)
    c.test_rows.reset();
  if (c.source == DataSource::Custom && current.source != DataSource::Custom)
    return Error{"data: \"custom\" needs rows: load them as CSV or a whole document"};
  if (Status s = validate(c); !s) return Error{s.error()};
  return c;
}

std::string settings_to_json(const Config& config) {
  return write_json(settings_json(config));
}

}  // namespace bp
