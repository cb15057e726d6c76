// backprop-cli: trains the chapter's network from the command line and prints what the
// chapter prints (the output before training, after training, and for a new input),
// or, with --json, one JSON object for scripts and tests. --load trains any setup saved by
// the page (docs/format.md) and --save writes the trained state in that format.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "config/config.hpp"
#include "config/json.hpp"
#include "core/dataset.hpp"
#include "core/metrics.hpp"
#include "core/network.hpp"
#include "core/stop.hpp"
#include "core/trainer.hpp"
#include "exercise/export.hpp"

namespace {

// A matrix as rows of numbers, or null when show is false (after divergence).
void matrix_json(bp::JsonWriter& j, const bp::Matrix& m, bool show = true) {
  if (!show) {
    j.null();
    return;
  }
  j.begin_array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    j.begin_array();
    for (Eigen::Index c = 0; c < m.cols(); ++c) j.number(m(i, c));
    j.end_array();
  }
  j.end_array();
}

// A column as one list of numbers, or null.
void column_json(bp::JsonWriter& j, const bp::Matrix& m, bool show = true) {
  if (!show) {
    j.null();
    return;
  }
  j.begin_array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) j.number(m(i, 0));
  j.end_array();
}

// A number, or null when there is none to show.
void number_json(bp::JsonWriter& j, const std::optional<double>& v) {
  if (v)
    j.number(*v);
  else
    j.null();
}

// A column of outputs, three decimals, one per line, as numpy prints a [4x1] array.
void print_column(const bp::Matrix& m) {
  for (Eigen::Index i = 0; i < m.rows(); ++i) std::printf("  [% .3f]\n", m(i, 0));
}

int fail(const std::string& message) {
  std::cerr << "backprop-cli: " << message << "\n";
  return 2;
}

// Writes text to file all or nothing: into a new temporary file in the same folder, flushed
// to the disk, then renamed over file (a rename within a folder is atomic). On any failure
// the temporary file is removed and file keeps its old content. Returns an error message, or
// "" when written.
std::string write_atomically(const std::string& file, const std::string& text) {
  const auto failed = [&file](const char* what, int error) {
    return file + ": could not be written (" + what + ": " + std::strerror(error) +
           "); the old file, if there was one, is unchanged";
  };
  // Through a symbolic link, the file it points to is replaced, not the link.
  std::string target = file;
  struct stat link_info {};
  if (::lstat(file.c_str(), &link_info) == 0 && S_ISLNK(link_info.st_mode)) {
    char* real = ::realpath(file.c_str(), nullptr);
    if (real) {
      target = real;
      std::free(real);
    }
  }
  const std::size_t slash = target.rfind('/');
  const std::string folder = slash == std::string::npos ? "." : target.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
  std::string temp = (slash == std::string::npos ? "" : folder) + "." + base + ".XXXXXX";
  // A write beyond a file size limit (ulimit -f) then fails with EFBIG instead of killing the
  // program before it can clean up.
  std::signal(SIGXFSZ, SIG_IGN);
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return failed("cannot create a file in its folder", errno);
  const auto give_up = [&](const char* what) {
    const int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return failed(what, error);
  };
  // The permissions an existing file has, or those a new file gets (mkstemp makes 0600).
  struct stat old_info {};
  mode_t mode = 0;
  if (::stat(target.c_str(), &old_info) == 0) {
    mode = old_info.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  if (::fchmod(fd, mode) != 0) return give_up("setting its permissions");
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return give_up("writing");
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return give_up("flushing to the disk");
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    return failed("closing", error);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    return failed("replacing it", error);
  }
  // The rename itself reaches the disk with the folder's entry.
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return "";
}

// The trained network's weights and biases put into config, written to file as JSON.
// Returns an error message, or "" when written.
std::string save(const std::string& file, bp::Config config, const bp::Network& net) {
  config.weights.clear();
  config.bias_values.clear();
  config.diverged = false;  // a file marked diverged had none; these are the trained ones
  for (int l = 1; l <= net.layers(); ++l) {
    config.weights.push_back(net.W(l));
    if (net.has_biases()) config.bias_values.push_back(net.b(l));
  }
  if (bp::Status s = bp::validate(config); !s) return file + ": not written: " + s.error();
  return write_atomically(file, bp::config_to_json(config));
}

// What a student reads once training diverged: no loss, accuracy or output, as none of them
// is a number any more; when it happened and what to do.
void print_diverged(long iteration, double learning_rate) {
  std::printf(
      "Training diverged at iteration %ld: the loss or a weight is no longer a number, so there "
      "is no loss, accuracy or output to show.\n"
      "What to do: lower the learning rate (it was %g), for example --lr %g, and run again.\n",
      iteration, learning_rate, learning_rate / 10);
}

std::string sizes_text(const bp::NetworkSpec& spec) {
  std::string s;
  for (int n : spec.sizes) s += (s.empty() ? "" : "-") + std::to_string(n);
  return s;
}

// --load FILE: any network and data the file describes.
int run_loaded(const bp::cli::Options& opt) {
  const std::string& file = *opt.load;
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(file + ": cannot be read");
  std::string text;
  text.resize(bp::kMaxJsonBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return fail(file + ": cannot be read");
  bp::Result<bp::Config> parsed = bp::config_from_json(text);
  if (!parsed) return fail(file + ": " + parsed.error());
  bp::Config config = parsed.value();
  // A file saved after its run diverged has no weights: it starts from its seed's.
  const bool file_diverged = config.diverged;
  if (opt.learning_rate_given) config.training.learning_rate = opt.learning_rate;
  if (opt.seed_given) {
    config.seed = opt.seed;
    config.weights.clear();  // new initial weights from the new seed
    config.bias_values.clear();
  }
  if (bp::Status s = bp::validate(config); !s) return fail("--lr: " + s.error());

  bp::Result<bp::ConfigData> data = bp::make_data(config);
  if (!data) return fail(file + ": " + data.error());
  bp::Result<bp::Network> net = bp::make_network(config);
  if (!net) return fail(file + ": " + net.error());
  const bp::NetworkSpec spec = net->spec();
  bp::Result<bp::Trainer> trainer =
      bp::Trainer::create(std::move(net.value()), data->train, bp::trainer_options(config));
  if (!trainer) return fail(file + ": " + trainer.error());

  const long iterations =
      opt.iterations_given ? opt.iterations : config.stop.max_iterations.value_or(opt.iterations);
  if (opt.numpy) {  // the general loop: any layers, biases, loss, batches, this data
    bp::Result<std::string> program = bp::exercise::numpy_general_program(
        trainer->network(), trainer->data(), trainer->options(), iterations);
    if (!program) return fail(file + ": " + program.error());
    std::cout << *program;
    return 0;
  }
  bp::StopRule rule;
  rule.target_loss = config.stop.target_loss;
  std::string stopped;
  for (long i = 0; i < iterations; ++i) {
    if (!trainer->step()) break;
    const bp::StopCheck stop =
        bp::check_stop(rule, trainer->iteration(), trainer->loss() / trainer->batch_size());
    if (stop) {
      stopped = stop.message;
      break;
    }
  }
  const bp::Network& trained = trainer->network();
  const bp::Metrics train = bp::evaluate(trained, data->train, config.training.loss).value();
  const bp::Metrics test = bp::evaluate(trained, data->test, config.training.loss).value();

  const bool diverged = trainer->diverged();
  if (opt.json) {
    // Once diverged, every result is null: NaN has no JSON form, and no number is shown.
    const auto unless_diverged = [diverged](double v) {
      return diverged ? std::nullopt : std::optional<double>(v);
    };
    bp::JsonWriter j;
    j.begin_object();
    j.key("file").string(file);
    j.key("file_diverged").boolean(file_diverged);
    j.key("sizes").begin_array();
    for (int n : spec.sizes) j.integer(n);
    j.end_array();
    j.key("iterations").integer(trainer->iteration());
    j.key("learning_rate").number(config.training.learning_rate);
    j.key("seed").unsigned_integer(config.seed);
    number_json(j.key("loss"), unless_diverged(train.loss));
    number_json(j.key("mean_loss"), unless_diverged(train.mean_loss));
    number_json(j.key("accuracy"), diverged ? std::nullopt : train.accuracy);
    j.key("test_examples").integer(static_cast<long long>(test.examples));
    number_json(j.key("test_mean_loss"),
                test.examples == 0 ? std::nullopt : unless_diverged(test.mean_loss));
    number_json(j.key("test_accuracy"), diverged ? std::nullopt : test.accuracy);
    j.key("weights");
    if (diverged) {
      j.null();
    } else {
      j.begin_array();
      for (int l = 1; l <= trained.layers(); ++l) matrix_json(j, trained.W(l));
      j.end_array();
    }
    j.key("stopped").string(stopped);
    j.key("diverged").boolean(diverged);
    if (diverged) j.key("message").string(trainer->divergence());
    j.end_object();
    std::cout << j.str() << "\n";
  } else if (diverged) {
    std::printf("Network %s, %ld training and %ld test examples, from %s\n",
                sizes_text(spec).c_str(), static_cast<long>(train.examples),
                static_cast<long>(test.examples), file.c_str());
    print_diverged(trainer->iteration(), config.training.learning_rate);
  } else {
    if (file_diverged)
      std::printf(
          "%s was saved after its run diverged, so it holds no weights: training "
          "started from seed %llu's initial weights.\n",
          file.c_str(), static_cast<unsigned long long>(config.seed));
    std::printf("Network %s, %ld training and %ld test examples, from %s\n",
                sizes_text(spec).c_str(), static_cast<long>(train.examples),
                static_cast<long>(test.examples), file.c_str());
    std::printf("After %ld iterations (learning rate %g): training loss %.6f (mean %.6f)",
                trainer->iteration(), config.training.learning_rate, train.loss, train.mean_loss);
    if (train.accuracy) std::printf(", accuracy %.1f%%", 100.0 * *train.accuracy);
    std::printf("\n");
    if (test.examples > 0) {
      std::printf("Test set: mean loss %.6f", test.mean_loss);
      if (test.accuracy) std::printf(", accuracy %.1f%%", 100.0 * *test.accuracy);
      std::printf("\n");
    }
    if (!stopped.empty()) std::printf("%s\n", stopped.c_str());
  }
  if (trainer->diverged()) {
    std::cerr << "backprop-cli: " << trainer->divergence() << "\n";
    if (opt.save)
      std::cerr << "backprop-cli: " << *opt.save << ": not written (training diverged)\n";
    return 1;
  }
  if (opt.save) {
    const std::string error = save(*opt.save, config, trained);
    if (!error.empty()) return fail(error);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  bp::Result<bp::cli::Options> parsed = bp::cli::parse_options(args);
  if (!parsed) return fail(parsed.error());
  const bp::cli::Options& opt = *parsed;
  if (opt.help) {
    std::cout << bp::cli::usage();
    return 0;
  }
  if (opt.load) return run_loaded(opt);

  bp::Rng rng(opt.seed);
  bp::Result<bp::Network> net = bp::Network::random(bp::NetworkSpec{}, rng);
  if (!net) return fail(net.error());
  if (opt.w1) {
    if (bp::Status s = net->set_weight(1, *opt.w1); !s) return fail("--w1: " + s.error());
    if (bp::Status s = net->set_weight(2, *opt.w2); !s) return fail("--w2: " + s.error());
  }
  bp::TrainerOptions topt;
  topt.learning_rate = opt.learning_rate;
  bp::Result<bp::Trainer> trainer = bp::Trainer::create(std::move(*net), bp::seed_dataset(), topt);
  if (!trainer) return fail("--lr: " + trainer.error());
  if (opt.numpy) {
    if (opt.iterations > std::numeric_limits<int>::max())
      return fail("--iters: too many for --numpy");
    bp::Result<std::string> program = bp::exercise::numpy_program(
        trainer->network(), trainer->data(), opt.learning_rate, static_cast<int>(opt.iterations));
    if (!program) return fail(program.error());
    std::cout << *program;
    return 0;
  }

  const bp::Matrix initial = trainer->outputs();
  trainer->train(opt.iterations);
  const bp::Network& trained = trainer->network();
  const bp::Matrix outputs = trainer->outputs();
  const bp::Matrix x_new = bp::seed_new_input();
  const bp::Matrix y_new = trained.predict(x_new).value();

  const bool diverged = trainer->diverged();
  if (opt.json) {
    // Once diverged, every result is null: NaN has no JSON form, and no number is shown.
    const bool show = !diverged;
    bp::JsonWriter j;
    j.begin_object();
    j.key("iterations").integer(trainer->iteration());
    j.key("learning_rate").number(opt.learning_rate);
    j.key("seed").unsigned_integer(opt.seed);
    matrix_json(j.key("w1"), trained.W(1), show);
    matrix_json(j.key("w2"), trained.W(2), show);
    column_json(j.key("initial_outputs"), initial);
    column_json(j.key("outputs"), outputs, show);
    column_json(j.key("targets"), trainer->data().Y);
    number_json(j.key("loss"), show ? std::optional<double>(trainer->full_loss()) : std::nullopt);
    j.key("new_input").begin_object();
    j.key("x").begin_array().integer(1).integer(0).integer(1).end_array();
    number_json(j.key("output"), show ? std::optional<double>(y_new(0, 0)) : std::nullopt);
    j.end_object();
    j.key("diverged").boolean(diverged);
    if (diverged) j.key("message").string(trainer->divergence());
    j.end_object();
    std::cout << j.str() << "\n";
  } else {
    std::printf("Initial output (a2 for the four inputs, weights from seed %llu):\n",
                static_cast<unsigned long long>(opt.seed));
    print_column(initial);
    if (diverged) {
      print_diverged(trainer->iteration(), opt.learning_rate);
    } else {
      std::printf("Output after training (%ld iterations, learning rate %g, loss %.6f):\n",
                  trainer->iteration(), opt.learning_rate, trainer->full_loss());
      print_column(outputs);
      std::printf("Output for the new input [1, 0, 1] (two ones, so the target is 1):\n");
      print_column(y_new);
    }
  }
  if (trainer->diverged()) {
    std::cerr << "backprop-cli: " << trainer->divergence() << "\n";
    if (opt.save)
      std::cerr << "backprop-cli: " << *opt.save << ": not written (training diverged)\n";
    return 1;
  }
  if (opt.save) {
    bp::Config config;  // the chapter's setup, with this run's seed and learning rate
    config.seed = opt.seed;
    config.training.learning_rate = opt.learning_rate;
    const std::string error = save(*opt.save, config, trained);
    if (!error.empty()) return fail(error);
  }
  return 0;
}
