// Generated customers: names, numbers and first messages from a few countries.
#include "metasim/traffic_generator.hpp"

#include "metasim/random_ids.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

struct Country {
    const char* prefix; // canonical wa_id prefix
    int digits;         // random digits after it
    std::vector<const char*> greetings;
};

const std::vector<Country>& countries() {
    static const std::vector<Country> table = {
        {"346", 8, {"Hola, necesito ayuda con mi pedido", "Buenas, ¿a qué hora abrís?"}},
        {"52155", 8, {"Hola, quiero cambiar mi dirección de entrega", "¿Dónde está mi paquete?"}},
        {"5511", 8, {"Olá! Meu pedido não chegou", "Bom dia, preciso de uma segunda via"}},
        {"79", 9, {"Здравствуйте, хочу изменить заказ", "Добрый день! Вопрос по оплате"}},
        {"1415", 7, {"Hi, I have a question about my bill", "Hello, can I talk to someone?"}},
        {"3069", 8, {"Γεια σας, έχω ένα πρόβλημα με την παραγγελία μου"}},
    };
    return table;
}

const std::vector<const char*>& names() {
    static const std::vector<const char*> table = {
        "Zoë Ñúñez",   "Алексей Смирнов",       "María José García", "João Conceição",
        "李娜",        "Προκόπης Παπαδόπουλος", "محمد العلي",        "Siobhán O'Brien",
        "Łukasz Żółć", "Nguyễn Văn An",         "Ayşe Yılmaz",       "Ana",
    };
    return table;
}

std::string random_number(const Country& country) {
    std::string number = country.prefix;
    for (int i = 0; i < country.digits; ++i) {
        number.push_back(
            static_cast<char>('0' + random_between(i == country.digits - 1 ? 1 : 0, 9)));
    }
    return number; // never ends in 0000: that is the "not on WhatsApp" rule for sends
}

} // namespace

TrafficGenerator::~TrafficGenerator() {
    stop();
}

json TrafficGenerator::start_conversations(int conversations) {
    const auto config = m_config.get();
    json customers = json::array();
    for (int i = 0; i < conversations; ++i) {
        const Country& country = countries()[static_cast<std::size_t>(
            random_between(0, static_cast<std::int64_t>(countries().size()) - 1))];
        const std::string wa_id = random_number(country);
        const std::string name = names()[static_cast<std::size_t>(
            random_between(0, static_cast<std::int64_t>(names().size()) - 1))];
        const char* greeting = country.greetings[static_cast<std::size_t>(
            random_between(0, static_cast<std::int64_t>(country.greetings.size()) - 1))];
        // Spread first messages over a couple of seconds so they do not arrive as one burst.
        const auto first = std::chrono::milliseconds(random_between(0, std::min(2000, 100 * i)));
        std::string error;
        m_inbox.receive({{"from", wa_id}, {"name", name}, {"text", greeting}}, first, error);
        // Most customers answer the bot's menu with a digit; some never do.
        const bool answers_menu = roll_percent(65);
        if (answers_menu) {
            const int reply_ms = config->traffic_reply_delay_ms;
            const auto later =
                first + std::chrono::milliseconds(reply_ms + random_between(0, reply_ms / 2));
            m_inbox.receive(
                {{"from", wa_id}, {"name", name}, {"text", std::to_string(random_between(1, 3))}},
                later, error);
        }
        customers.push_back({{"wa_id", wa_id}, {"name", name}, {"answers_menu", answers_menu}});
    }
    return {{"conversations", conversations}, {"customers", customers}};
}

void TrafficGenerator::start() {
    if (!m_thread.joinable()) {
        m_thread = std::thread([this] { run(); });
    }
}

void TrafficGenerator::stop() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void TrafficGenerator::config_changed() {
    { std::lock_guard<std::mutex> lock(m_mutex); }
    m_wake.notify_all();
}

void TrafficGenerator::run() {
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_stopping) {
        const double per_minute = m_config.get()->traffic_per_minute;
        if (per_minute <= 0) {
            m_wake.wait(lock);
            continue;
        }
        const auto interval =
            std::chrono::milliseconds(static_cast<std::int64_t>(60000 / per_minute));
        if (m_wake.wait_for(lock, interval, [this] { return m_stopping; })) {
            return;
        }
        lock.unlock();
        start_conversations(1);
        lock.lock();
    }
}

} // namespace waconsole::metasim
