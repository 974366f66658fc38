// SQL for users and sessions.
#include "server/store/users_store.hpp"

#include "server/auth/passwords.hpp"

namespace waconsole {
namespace {

UserRecord read_user(const Statement& row) {
    UserRecord user;
    user.id = row.get_int(0);
    user.name = row.get_text(1);
    user.email = row.get_text(2);
    user.role = role_from_string(row.get_text(3)).value_or(Role::agent);
    user.password_hash = row.get_text(4);
    return user;
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
        db.prepare("SELECT id, name, email, role, password_hash FROM users WHERE email = ?");
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
        db.prepare("SELECT u.id, u.name, u.email, u.role, u.password_hash FROM sessions s "
                   "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?");
    query.bind(1, token_digest(token)).bind(2, now);
    if (!query.step()) {
        return std::nullopt;
    }
    return read_user(query);
}

void delete_session(Connection& db, const std::string& token) {
    db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_digest(token)).run();
}

void delete_expired_sessions(Connection& db, std::int64_t now) {
    db.prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(1, now).run();
}

} // namespace waconsole
