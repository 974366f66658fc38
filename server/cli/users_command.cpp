// The users subcommand: options, password input, and the store calls.
#include "server/cli/users_command.hpp"

#include "server/auth/passwords.hpp"
#include "server/clock.hpp"
#include "server/config.hpp"
#include "server/store/migrations.hpp"
#include "server/store/users_store.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <termios.h>
#include <unistd.h>
#include <variant>

namespace waconsole {
namespace {

constexpr std::size_t kMinPasswordCharacters = 12;
constexpr std::size_t kMaxPasswordBytes = 1024;

// A command that cannot go on: its message and exit code (1 failed, 2 wrong usage).
struct Failure {
    std::string message;
    int exit_code = 1;
};

Failure usage_error(std::string message) {
    return {std::move(message), 2};
}

struct Options {
    std::string verb;
    std::string db_path;
    std::map<std::string, std::string> values; // --email, --name, --role
    bool password_stdin = false;
    bool help = false;

    const std::string& value(const std::string& name) const {
        static const std::string none;
        const auto it = values.find(name);
        return it == values.end() ? none : it->second;
    }
};

// The options of each verb besides --db.
const std::map<std::string, std::vector<std::string>>& verb_options() {
    static const std::map<std::string, std::vector<std::string>> options = {
        {"add", {"--email", "--name", "--role", "--password-stdin"}},
        {"passwd", {"--email", "--password-stdin"}},
        {"list", {}},
        {"disable", {"--email"}},
        {"enable", {"--email"}},
    };
    return options;
}

std::variant<Options, Failure>
parse_options(const std::vector<std::string>& args,
              const std::function<const char*(const char*)>& environment) {
    Options options;
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        options.help = true;
        return options;
    }
    options.verb = args[0];
    const auto verb = verb_options().find(options.verb);
    if (verb == verb_options().end()) {
        return usage_error("unknown users command " + options.verb);
    }
    std::vector<std::string> db_args;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            options.help = true;
            return options;
        }
        const auto& allowed = verb->second;
        if (arg != "--db" && std::find(allowed.begin(), allowed.end(), arg) == allowed.end()) {
            return usage_error("unknown option " + arg + " for users " + options.verb);
        }
        if (arg == "--password-stdin") {
            options.password_stdin = true;
        } else if (i + 1 >= args.size()) {
            return usage_error(arg + " needs a value");
        } else if (arg == "--db") {
            db_args = {arg, args[++i]};
        } else {
            options.values[arg] = args[++i];
        }
    }
    // The server's own parsing, so that --db and WACONSOLE_DB mean exactly what they mean there.
    const auto config = parse_server_config(db_args, environment);
    if (!config.config) {
        return usage_error(config.error);
    }
    options.db_path = config.config->db_path;
    return options;
}

std::optional<Failure> check_account_options(const Options& options) {
    const auto& email = options.value("--email");
    if (email.empty()) {
        return usage_error("--email is required");
    }
    const auto at = email.find('@');
    const bool blank = std::any_of(email.begin(), email.end(),
                                   [](unsigned char c) { return c <= ' ' || c == 0x7f; });
    if (email.size() > 254 || at == 0 || at == std::string::npos || at + 1 == email.size() ||
        email.find('@', at + 1) != std::string::npos || blank) {
        return usage_error("--email must be an e-mail address (name@example.com)");
    }
    if (options.verb != "add") {
        return std::nullopt;
    }
    if (options.value("--name").empty()) {
        return usage_error("--name is required");
    }
    if (!role_from_string(options.value("--role"))) {
        return usage_error("--role must be admin or agent");
    }
    return std::nullopt;
}

std::size_t utf8_length(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](unsigned char c) { return (c & 0xc0) != 0x80; }));
}

std::optional<std::string> read_line() {
    std::string line;
    if (!std::getline(std::cin, line)) {
        return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

// The first line of stdin; on a terminal it is asked for twice, without echo.
std::variant<std::string, Failure> read_password() {
    std::optional<std::string> password;
    if (!isatty(STDIN_FILENO)) {
        password = read_line();
    } else {
        termios saved{};
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        std::cerr << "password: " << std::flush;
        password = read_line();
        std::cerr << "\nthe same password again: " << std::flush;
        const auto again = read_line();
        std::cerr << "\n";
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        if (password != again) {
            return Failure{"the two passwords differ"};
        }
    }
    if (!password) {
        return Failure{"no password on stdin"};
    }
    if (utf8_length(*password) < kMinPasswordCharacters) {
        return Failure{"the password must have at least " + std::to_string(kMinPasswordCharacters) +
                       " characters"};
    }
    if (password->size() > kMaxPasswordBytes) {
        return Failure{"the password is too long"};
    }
    return *password;
}

// The password to set: from stdin, or generated (and then printed once by the caller).
std::variant<std::string, Failure> new_password(const Options& options, bool& generated) {
    generated = !options.password_stdin;
    if (generated) {
        return random_password();
    }
    return read_password();
}

void print_generated(const std::string& password) {
    std::cout << "password: " << password << "\n"
              << "(shown only now: the database keeps a hash of it)\n";
}

std::variant<UserRecord, Failure> existing_user(Connection& db, const std::string& email) {
    auto user = find_user_by_email(db, email);
    if (!user) {
        return Failure{"no user has the e-mail address " + email};
    }
    return *user;
}

std::optional<Failure> add(Connection& db, const Options& options) {
    bool generated = false;
    auto password = new_password(options, generated);
    if (auto* failure = std::get_if<Failure>(&password)) {
        return *failure;
    }
    NewUser user;
    user.email = options.value("--email");
    user.name = options.value("--name");
    user.role = *role_from_string(options.value("--role"));
    user.password = std::get<std::string>(password);
    std::int64_t id = 0;
    try {
        id = create_user(db, user, now_seconds());
    } catch (const StoreError& e) {
        if (!e.is_constraint()) {
            throw;
        }
        return Failure{"a user with the e-mail address " + user.email + " already exists"};
    }
    std::cout << "added " << (user.role == Role::admin ? "administrator " : "agent ") << user.email
              << " (id " << id << ")\n";
    if (generated) {
        print_generated(user.password);
    }
    return std::nullopt;
}

std::optional<Failure> passwd(Connection& db, const Options& options) {
    auto user = existing_user(db, options.value("--email"));
    if (auto* failure = std::get_if<Failure>(&user)) {
        return *failure;
    }
    bool generated = false;
    auto password = new_password(options, generated);
    if (auto* failure = std::get_if<Failure>(&password)) {
        return *failure;
    }
    set_user_password(db, std::get<UserRecord>(user).id, std::get<std::string>(password));
    std::cout << "changed the password of " << std::get<UserRecord>(user).email
              << "; their sessions have ended\n";
    if (generated) {
        print_generated(std::get<std::string>(password));
    }
    return std::nullopt;
}

std::optional<Failure> set_disabled(Connection& db, const Options& options, bool disabled) {
    auto user = existing_user(db, options.value("--email"));
    if (auto* failure = std::get_if<Failure>(&user)) {
        return *failure;
    }
    const auto& record = std::get<UserRecord>(user);
    if (disabled) {
        {
            Transaction transaction(db);
            disable_user(db, record.id, now_seconds());
            // An agent who is disabled hands its conversations back to their queues; the
            // server's routing engine picks them up on its next cycle.
            db.prepare("UPDATE users SET presence = 'offline' WHERE id = ?")
                .bind(1, record.id)
                .run();
            transaction.commit();
        }
        std::cout << "disabled " << record.email << "; their sessions have ended\n";
        if (count_enabled_admins(db) == 0) {
            std::cerr << "note: no administrator can log in now\n";
        }
    } else {
        enable_user(db, record.id);
        std::cout << "enabled " << record.email << "\n";
    }
    return std::nullopt;
}

void list(Connection& db) {
    const auto users = list_users(db);
    std::size_t email_width = 5;
    for (const auto& user : users) {
        email_width = std::max(email_width, utf8_length(user.email));
    }
    auto row = [&](const std::string& id, const std::string& role, const std::string& state,
                   const std::string& email, const std::string& name) {
        std::cout << id << std::string(6 - std::min<std::size_t>(id.size(), 5), ' ') << role
                  << std::string(7 - role.size(), ' ') << state
                  << std::string(10 - state.size(), ' ') << email
                  << std::string(email_width + 2 - utf8_length(email), ' ') << name << "\n";
    };
    row("ID", "ROLE", "STATE", "EMAIL", "NAME");
    for (const auto& user : users) {
        row(std::to_string(user.id), to_string(user.role), user.disabled() ? "disabled" : "enabled",
            user.email, user.name);
    }
}

} // namespace

std::string users_usage() {
    return "usage: waconsole-server users COMMAND [--db PATH] [options]\n"
           "  add --email E --name N --role admin|agent [--password-stdin]\n"
           "                       create a user; without --password-stdin a password is\n"
           "                       generated and printed once\n"
           "  passwd --email E [--password-stdin]\n"
           "                       set a new password (generated unless read from stdin); ends\n"
           "                       the user's sessions\n"
           "  list                 every user with role and state\n"
           "  disable --email E    the user can no longer log in; their sessions end\n"
           "  enable --email E     let a disabled user log in again\n"
           "--db PATH is the server's database (WACONSOLE_DB, default var/waconsole.db).\n"
           "Passwords have at least 12 characters; --password-stdin reads the first line.\n";
}

int run_users_command(const std::vector<std::string>& args,
                      const std::function<const char*(const char*)>& environment) {
    auto parsed = parse_options(args, environment);
    if (auto* failure = std::get_if<Failure>(&parsed)) {
        std::cerr << "waconsole-server users: " << failure->message << "\n" << users_usage();
        return failure->exit_code;
    }
    const auto& options = std::get<Options>(parsed);
    if (options.help) {
        std::cout << users_usage();
        return 0;
    }
    if (options.verb != "list") {
        if (auto failure = check_account_options(options)) {
            std::cerr << "waconsole-server users: " << failure->message << "\n" << users_usage();
            return failure->exit_code;
        }
    }
    try {
        const auto parent = std::filesystem::path(options.db_path).parent_path();
        if (options.verb != "add" && !std::filesystem::exists(options.db_path)) {
            std::cerr << "waconsole-server users: there is no database at " << options.db_path
                      << "\n";
            return 1;
        }
        if (!parent.empty()) {
            std::filesystem::create_directories(parent);
        }
        Connection db(options.db_path);
        apply_migrations(db);
        std::optional<Failure> failure;
        if (options.verb == "add") {
            failure = add(db, options);
        } else if (options.verb == "passwd") {
            failure = passwd(db, options);
        } else if (options.verb == "disable" || options.verb == "enable") {
            failure = set_disabled(db, options, options.verb == "disable");
        } else {
            list(db);
        }
        if (failure) {
            std::cerr << "waconsole-server users: " << failure->message << "\n";
            return failure->exit_code;
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "waconsole-server users: " << e.what() << "\n";
        return 1;
    }
}

} // namespace waconsole
