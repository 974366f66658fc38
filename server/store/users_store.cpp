// SQL for users and sessions.
#include "server/store/users_store.hpp"

#include "server/auth/passwords.hpp"

namespace waconsole {
namespace {

// The columns read_user() expects, in its order.
constexpr const char* kUserColumns =
    "u.id, u.name, u.email, u.role, u.password_hash, u.created_at, u.disabled_at";

UserRecord read_user(const Statement& row) {
    UserRecord user;
    user.id = row.get_int(0);
    user.name = row.get_text(1);
    user.email = row.get_text(2);
    user.role = role_from_string(row.get_text(3)).value_or(Role::agent);
    user.password_hash = row.get_text(4);
    user.created_at = row.get_int(5);
    user.disabled_at = row.get_optional_int(6);
    return user;
}

void delete_user_sessions(Connection& db, std::int64_t user_id) {
    db.prepare("DELETE FROM sessions WHERE user_id = ?").bind(1, user_id).run();
}

} // namespace

std::int64_t create_user(Connection& db, const NewUser& user, std::int64_t now) {
    db.prepare("INSERT INTO users (name, email, role, password_hash, presence, presence_since, "
               "max_concurrent_chats, licence_type, created_at) VALUES (?,?,?,?,?,?,?,?,?)")
        .bind(1, user.name)
        .bind(2, user.email)
        .bind(3, to_string(user.role))
        .bind(4, hash_password(user.password))
        .bind(5, to_string(user.presence))
        .bind(6, now)
        .bind(7, user.max_concurrent_chats)
        .bind(8, user.licence_type)
        .bind(9, now)
        .run();
    return db.last_insert_id();
}

std::optional<UserRecord> find_user_by_email(Connection& db, const std::string& email) {
    auto query =
        db.prepare(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.email = ?");
    query.bind(1, email);
    if (!query.step()) {
        return std::nullopt;
    }
    return read_user(query);
}

std::int64_t count_users(Connection& db) {
    auto query = db.prepare("SELECT COUNT(*) FROM users");
    query.step();
    return query.get_int(0);
}

std::int64_t count_enabled_admins(Connection& db) {
    auto query =
        db.prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL");
    query.step();
    return query.get_int(0);
}

std::vector<UserRecord> list_users(Connection& db) {
    auto query = db.prepare(std::string("SELECT ") + kUserColumns + " FROM users u ORDER BY u.id");
    std::vector<UserRecord> users;
    while (query.step()) {
        users.push_back(read_user(query));
    }
    return users;
}

void set_user_password(Connection& db, std::int64_t user_id, const std::string& password) {
    const auto hash = hash_password(password); // slow: before the write lock is taken
    Transaction transaction(db);
    db.prepare("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(1, hash)
        .bind(2, user_id)
        .run();
    delete_user_sessions(db, user_id);
    transaction.commit();
}

void disable_user(Connection& db, std::int64_t user_id, std::int64_t now) {
    db.prepare("UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL")
        .bind(1, now)
        .bind(2, user_id)
        .run();
    delete_user_sessions(db, user_id);
}

void enable_user(Connection& db, std::int64_t user_id) {
    db.prepare("UPDATE users SET disabled_at = NULL WHERE id = ?").bind(1, user_id).run();
}

void create_session(Connection& db, const std::string& token, std::int64_t user_id,
                    std::int64_t now, std::int64_t expires_at) {
    db.prepare(
          "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)")
        .bind(1, token_digest(token))
        .bind(2, user_id)
        .bind(3, now)
        .bind(4, expires_at)
        .run();
}

std::optional<UserRecord> find_session_user(Connection& db, const std::string& token,
                                            std::int64_t now) {
    auto query =
        db.prepare(std::string("SELECT ") + kUserColumns +
                   " FROM sessions s JOIN users u ON u.id = s.user_id "
                   "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL");
    query.bind(1, token_digest(token)).bind(2, now);
    if (!query.step()) {
        return std::nullopt;
    }
    return read_user(query);
}

void delete_session(Connection& db, const std::string& token) {
    db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_digest(token)).run();
}

std::int64_t count_live_sessions(Connection& db, std::int64_t user_id, std::int64_t now) {
    auto query = db.prepare("SELECT COUNT(*) FROM sessions WHERE user_id = ? AND expires_at > ?");
    query.bind(1, user_id).bind(2, now);
    query.step();
    return query.get_int(0);
}

void delete_expired_sessions(Connection& db, std::int64_t now) {
    db.prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(1, now).run();
}

} // namespace waconsole
