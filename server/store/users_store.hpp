// Users (administrators and agents) and their login sessions.
#pragma once

#include "server/store/database.hpp"
#include "shared/conversation.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

struct UserRecord {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    Role role = Role::agent;
    std::string password_hash;
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

std::int64_t create_user(Connection& db, const NewUser& user, std::int64_t now);
std::optional<UserRecord> find_user_by_email(Connection& db, const std::string& email);
std::int64_t count_users(Connection& db);

// Stores the digest of `token`, valid until `expires_at`.
void create_session(Connection& db, const std::string& token, std::int64_t user_id,
                    std::int64_t now, std::int64_t expires_at);
// The user of a live session, or nullopt for an unknown or expired token.
std::optional<UserRecord> find_session_user(Connection& db, const std::string& token,
                                            std::int64_t now);
void delete_session(Connection& db, const std::string& token);
void delete_expired_sessions(Connection& db, std::int64_t now);

} // namespace waconsole
