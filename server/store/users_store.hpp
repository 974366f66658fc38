// Users (administrators and agents) and their login sessions.
#pragma once

#include "server/store/database.hpp"
#include "shared/conversation.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct UserRecord {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    Role role = Role::agent;
    std::string password_hash;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> disabled_at; // a disabled user cannot log in and has no session
    bool disabled() const { return disabled_at.has_value(); }
};

struct NewUser {
    std::string name;
    std::string email;
    Role role = Role::agent;
    std::string password; // hashed before it is stored
    Presence presence = Presence::offline;
    int max_concurrent_chats = 3;
    std::string licence_type = "standard";
};

// Throws StoreError (is_constraint()) when the e-mail address is taken, in any case.
std::int64_t create_user(Connection& db, const NewUser& user, std::int64_t now);
// Disabled users too (they are refused at login, not hidden).
std::optional<UserRecord> find_user_by_email(Connection& db, const std::string& email);
std::int64_t count_users(Connection& db);
// Administrators who can log in.
std::int64_t count_enabled_admins(Connection& db);
// Every user, by id.
std::vector<UserRecord> list_users(Connection& db);
// Hashes and stores a new password and ends the user's sessions.
void set_user_password(Connection& db, std::int64_t user_id, const std::string& password);
// Disabling ends the user's sessions at once (in the caller's transaction: wrap it in one, as
// both statements must hold together); enabling lets them log in again.
void disable_user(Connection& db, std::int64_t user_id, std::int64_t now);
void enable_user(Connection& db, std::int64_t user_id);

// Stores the digest of `token`, valid until `expires_at`.
void create_session(Connection& db, const std::string& token, std::int64_t user_id,
                    std::int64_t now, std::int64_t expires_at);
// The user of a live session, or nullopt for an unknown or expired token or a disabled user.
std::optional<UserRecord> find_session_user(Connection& db, const std::string& token,
                                            std::int64_t now);
void delete_session(Connection& db, const std::string& token);
std::int64_t count_live_sessions(Connection& db, std::int64_t user_id, std::int64_t now);
void delete_expired_sessions(Connection& db, std::int64_t now);

} // namespace waconsole
