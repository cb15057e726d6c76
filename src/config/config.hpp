// Config: everything reproducible about a run of the page (weights seed, data, network shape,
// training options, what the page shows), as plain data, with ONE validator that every way in
// (a link's query string, a JSON file, a CSV file, a script's set()) goes through.
//
// Parsers build a candidate Config from their input and return it only if validate() passes:
// on any error the caller keeps its current Config, so nothing is ever half-applied.
// The same short names are used everywhere: in the link (?hidden=8,8&lr=0.03), in the JSON
// document's "settings" object, and in validate()'s messages. docs/format.md lists them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/activation.hpp"
#include "core/dataset.hpp"
#include "core/datasets.hpp"
#include "core/features.hpp"
#include "core/history.hpp"
#include "core/loss.hpp"
#include "core/network.hpp"
#include "core/regularization.hpp"
#include "core/result.hpp"
#include "core/stop.hpp"
#include "core/trainer.hpp"
#include "core/types.hpp"
#include "text.hpp"

namespace bp {

// Where the training data comes from.
enum class DataSource {
  Chapter,    // the chapter's four rows of 3 inputs (seed_dataset()); features do not apply
  Generated,  // one of Playground's 2-D sets, generated from Config::data (DataSetOptions)
  Custom,     // the rows in Config::rows (x1, x2, label), e.g. read from a CSV file
};

// Controls and panels of the page that a link can hide (?hide=lr,seed,matrices). Extend here:
// the validator, the parsers and the docs all read this one list.
inline constexpr std::array<std::string_view, 28> kUiElements = {
    // controls
    "train", "step", "reset", "restart", "seed", "lr", "speed", "walkthrough", "dataset",
    "features", "layers", "regularization", "batch", "loss", "stop",
    // panels
    "diagram", "data", "loss_plot", "try_input", "equations", "matrices", "gradient_check",
    "shape_mistake", "exercise", "heatmap", "perf", "intro", "share"};

// The tabs of the explanation column that a link can bring to the front (?tab=matrices).
inline constexpr std::array<std::string_view, 5> kTabs = {"equations", "matrices", "gradient_check",
                                                          "shape_mistake", "exercise"};

// The collapsible sections of the page that a link can open (?open=setup,share); a section
// not named is closed.
inline constexpr std::array<std::string_view, 3> kSections = {"setup", "share", "recursion"};

// Limits of what a Config may describe (the page draws every unit and every weight).
inline constexpr int kMaxHiddenLayers = 8;
inline constexpr int kMaxHiddenUnits = 16;
inline constexpr int kMaxCustomRows = 2000;
// |x1|, |x2|, |label| of data rows, the one limit in every form: link rows, JSON rows, CSV.
inline constexpr double kMaxCustomValue = 1000.0;
inline constexpr double kMinConfigSpeed = 1.0;  // iterations per second
inline constexpr double kMaxConfigSpeed = 100000.0;

// The page's colours: dark, light (for course pages with a white background), or whichever the
// student's system asks for (the browser's prefers-color-scheme).
enum class Theme { Dark, Light, System };

// What the page shows and how; plain data, no UI types.
struct ViewConfig {
  double speed = 200.0;             // iterations per second, kMinConfigSpeed..kMaxConfigSpeed
  bool speed_max = false;           // as fast as a frame allows (then speed is kept, unused)
  bool walkthrough = false;         // one iteration phase by phase
  bool autoplay = false;            // start training as soon as the page opens
  bool show_gradients = false;      // the diagram draws dC/dw on its links
  bool discretize = false;          // the heatmap shows classes, not shades
  bool show_test = true;            // test points drawn over the heatmap
  WeightRef selected{1, 0, 0};      // the weight the Equations tab explains (must exist)
  std::string tab = "equations";    // one of kTabs
  std::vector<std::string> hidden;  // names from kUiElements, no repeats, in the order given
  std::vector<std::string> open;    // names from kSections, no repeats, in the order given
  Theme theme = Theme::Dark;
};

struct Config {
  // --- weights ---
  std::uint64_t seed = 1;  // seeds the initial weights (and the mini-batch order)
  Init init = Init::Uniform01;

  // --- data ---
  DataSource source = DataSource::Chapter;
  // For Generated: kind, points, noise, train percent and data seed. For Custom, its
  // train_percent and seed split the rows into training and test sets. Unused for Chapter.
  DataSetOptions data;
  FeatureSet features;  // inputs computed from (x1, x2); 2-D data only (ignored for Chapter)
  Dataset rows;         // Custom only (empty otherwise): X [n x 2], Y [n x 1], n 1..2000
  // Custom only: the last test_rows rows are the test set and the others the training set, as
  // the page had them (at least one training row). None: train_percent and seed split them.
  std::optional<int> test_rows;

  // --- network --- (inputs: 3 for the chapter, features.count() for 2-D data; 1 output)
  std::vector<int> hidden{4};                                // 0..8 layers of 1..16 units
  std::vector<Activation> activations{Activation::Sigmoid};  // one per hidden layer
  Activation output = Activation::Sigmoid;
  bool biases = false;

  // --- training ---
  // Learning rate, batch size (0 = full batch), loss, regularization and its rate: the core's
  // own options, held here once. Their shuffle_seed is not a setting of its own: seed above is
  // the one seed a student sets, and trainer_options() fills shuffle_seed from it. So
  // training.shuffle_seed is never read, and the link, the JSON and operator== leave it out.
  TrainerOptions training;
  StopRule stop;

  // --- page ---
  ViewConfig view;

  // --- optional state ---
  // Initial weights W(1..L) (empty: drawn from seed with init). When given, all L of them,
  // shaped as network_spec() says. Biases likewise, only for a network with biases
  // (empty: zero).
  std::vector<Matrix> weights;
  std::vector<RowVector> bias_values;
  // The run this Config was saved from had diverged (its weights were NaN or infinite), so it
  // carries no weights: make_network draws seed's initial weights. Read from a JSON document's
  // "diverged": true; config_to_json writes that mark whenever it is set or the weights are not
  // finite. A note about where the Config came from, not a setting: operator== ignores it and
  // the link does not carry it. validate() refuses it together with weights.
  bool diverged = false;
};

// Exact equality, every number compared bit for bit (so 0.0 and -0.0 differ); three things a
// link cannot carry are not compared: view.speed while both are at speed max, data.kind
// while neither uses generated data, and the diverged mark.
bool operator==(const Config& a, const Config& b);
inline bool operator!=(const Config& a, const Config& b) {
  return !(a == b);
}

// "chapter", "generated", "custom".
std::string_view name(DataSource source);
// "uniform01", "scaled".
std::string_view name(Init init);
std::optional<Init> parse_init(std::string_view text);
// "dark", "light", "system".
std::string_view name(Theme theme);
std::optional<Theme> parse_theme(std::string_view text);
// Whether name is in kUiElements / kTabs / kSections.
bool is_ui_element(std::string_view name);
bool is_tab(std::string_view name);
bool is_section(std::string_view name);
// Whether the view hides the control or panel called name (one of kUiElements).
bool is_hidden(const ViewConfig& view, std::string_view name);
// Whether the view opens the section called name (one of kSections).
bool is_open(const ViewConfig& view, std::string_view name);

// Checks every field: ranges, finite numbers, names, the shapes of given weights against the
// network, custom rows. The message names the field with the short names of the link and of
// the JSON settings: "hidden[2] must be 1 to 16 units, not 40".
Status validate(const Config& config);

// Whether every given weight and bias is finite (true when none are given). The writers leave
// the weights out when they are not: a diverged run's numbers have no form in any of them.
bool weights_finite(const Config& config);

// Inputs of the network for this data source: 3 for the chapter, features.count() otherwise.
int input_count(const Config& config);
// {inputs, hidden..., 1}, activations, biases. Valid if validate(config) passed.
NetworkSpec network_spec(const Config& config);
// What a Trainer is made with: config.training with its shuffle_seed taken from config.seed
// (the one seed: it draws the weights and orders the mini-batches). Use this, not
// config.training directly, to make or change a Trainer.
TrainerOptions trainer_options(const Config& config);

// The data a Config describes, as the network sees it (features applied for 2-D data).
struct ConfigData {
  Dataset train;  // the chapter's four rows, or the training share with features applied
  Dataset test;   // the rest (0 rows for the chapter, and for a single custom row)
  // The same examples as 2-D points (x1, x2) before features, for drawing; 0 rows for the
  // chapter.
  Dataset train_points;
  Dataset test_points;
};
// The chapter's rows; or the generated set, split; or the custom rows, split (train percent
// and seed of config.data). Errors only if validate(config) fails.
Result<ConfigData> make_data(const Config& config);

// The network a Config describes: its weights if given, otherwise drawn from seed with init.
Result<Network> make_network(const Config& config);

// --- the link: "?seed=7&data=circle&hidden=8,8&act=tanh&lr=0.03&hide=seed,lr" --------------

// The link takes the page's one text limit, as every other way in (text.hpp).
inline constexpr std::size_t kMaxQueryBytes = kMaxTextBytes;

// Parses a query string (leading '?' allowed, percent-encoding decoded, empty pairs skipped)
// on top of defaults: keys not given keep the defaults' values. Unknown and repeated keys,
// values with trailing garbage, NaN, infinities and out-of-range numbers are errors naming
// the key. The result is validated; defaults' weights and rows are dropped when the link
// changes the network or data they belong to.
Result<Config> parse_query(std::string_view query, const Config& defaults = {});
// The shortest query that parse_query(..., defaults) turns back into exactly config (numbers
// in their shortest exact decimal form). Weights and biases only when with_weights, config has
// them and every one is finite (after a run diverged they are left out, so the link still opens
// with the student's rows and settings). Custom rows are always written. No leading '?'.
std::string to_query(const Config& config, bool with_weights, const Config& defaults = {});

// --- the JSON document (docs/format.md) -------------------------------------------------

inline constexpr int kFormatVersion = 1;

// Reads {"format": "backprop", "version": 1, "settings": {...}, "network": {...},
// "data": {...}}. Settings not given take the defaults'. Unknown fields are errors naming
// their path ("settings.hidden[1]", with line and column); a newer version is refused with
// a message saying so.
Result<Config> config_from_json(std::string_view text, const Config& defaults = {});
// The whole document, every setting written out; weights and biases if with_weights (and
// config has them), custom rows if with_data. Never a number that is not finite: when a weight
// or bias is NaN or infinite (the run diverged), or config.diverged is set, the document has
// "diverged": true and no "network", so it reads back with the settings and data and the
// seed's initial weights.
std::string config_to_json(const Config& config, bool with_weights = true, bool with_data = true);

// For scripts (the page's set(settings) and get()): a bare settings object, the "settings"
// part of the document, e.g. {"lr": 0.5, "hidden": [8, 8]}, applied on top of current. Fields
// not given keep current's values; current's weights are kept only while seed, init and the
// network's shape stay the same. Errors name the path ("settings.hidden[1]").
Result<Config> apply_settings_json(std::string_view text, const Config& current);
// Every setting of config as such an object (no weights, no rows).
std::string settings_to_json(const Config& config);

// --- CSV exports ----------------------------------------------------------------------------

// A CSV file of x1,x2,label rows (read_csv) as current's data: data=custom with those rows,
// everything else kept (weights too, as the network's inputs do not change). Errors name
// the line, or the row and value the page refuses (more than 2000 rows, |value| > 1000).
Result<Config> apply_csv(std::string_view csv, const Config& current);

// The custom rows (or any 2-D data set) as "x1,x2,label" CSV (see csv.hpp).
Result<std::string> data_to_csv(const Dataset& points);
// The loss curve: "iteration,loss" then one line per recorded point, exact decimals; a loss
// that is not finite (training diverged) is an empty cell.
std::string loss_history_to_csv(const LossHistory& history);

}  // namespace bp
