// The built-in template catalogue: enough variety for demos and tests (categories, 0-3 variables,
// named parameters, quick replies, URL and phone buttons, four languages, a paused and a disabled
// template). Replace it with --templates FILE.
#include "metasim/template_catalogue.hpp"

namespace waconsole::metasim {

nlohmann::json builtin_templates() {
    static const char* const catalogue = R"json([
 {"id":"1402761960000001","name":"order_update","language":"es_MX","status":"APPROVED",
  "category":"UTILITY","parameter_format":"POSITIONAL","components":[
   {"type":"HEADER","format":"TEXT","text":"Tu pedido"},
   {"type":"BODY","text":"Hola {{1}}, tu pedido {{2}} ya va en camino. ¿Quieres recibir avisos de la entrega?",
    "example":{"body_text":[["Ana","A-1043"]]}},
   {"type":"FOOTER","text":"Tienda Ejemplo"},
   {"type":"BUTTONS","buttons":[
    {"type":"QUICK_REPLY","text":"Sí"},
    {"type":"QUICK_REPLY","text":"No"},
    {"type":"URL","text":"Rastrear","url":"https://example.com/track/{{1}}","example":["https://example.com/track/A-1043"]}]}]},
 {"id":"1402761960000002","name":"order_update","language":"en_US","status":"APPROVED",
  "category":"UTILITY","parameter_format":"POSITIONAL","components":[
   {"type":"BODY","text":"Hi {{1}}, your order {{2}} is on its way. Do you want delivery alerts?",
    "example":{"body_text":[["Ana","A-1043"]]}},
   {"type":"BUTTONS","buttons":[
    {"type":"QUICK_REPLY","text":"Yes"},
    {"type":"QUICK_REPLY","text":"No"},
    {"type":"URL","text":"Track","url":"https://example.com/track/{{1}}","example":["https://example.com/track/A-1043"]}]}]},
 {"id":"1402761960000003","name":"summer_sale","language":"en_US","status":"APPROVED",
  "category":"MARKETING","parameter_format":"POSITIONAL","components":[
   {"type":"HEADER","format":"TEXT","text":"Summer sale"},
   {"type":"BODY","text":"Hi {{1}}, enjoy {{2}} off everything until Sunday.",
    "example":{"body_text":[["Zoë","20%"]]}},
   {"type":"FOOTER","text":"Reply STOP to opt out"},
   {"type":"BUTTONS","buttons":[
    {"type":"QUICK_REPLY","text":"Show me"},
    {"type":"QUICK_REPLY","text":"Stop promotions"},
    {"type":"PHONE_NUMBER","text":"Call us","phone_number":"+34911234567"}]}]},
 {"id":"1402761960000004","name":"promo_rebajas","language":"es_MX","status":"APPROVED",
  "category":"MARKETING","parameter_format":"POSITIONAL","components":[
   {"type":"HEADER","format":"TEXT","text":"Rebajas para {{1}}","example":{"header_text":["Ana"]}},
   {"type":"BODY","text":"¡Hola {{1}}! Solo hoy: {{2}} de descuento en {{3}}.",
    "example":{"body_text":[["Ana","30%","zapatos"]]}},
   {"type":"BUTTONS","buttons":[
    {"type":"QUICK_REPLY","text":"Me interesa"},
    {"type":"QUICK_REPLY","text":"No, gracias"},
    {"type":"URL","text":"Ver ofertas","url":"https://example.com/ofertas/{{1}}","example":["https://example.com/ofertas/verano"]}]}]},
 {"id":"1402761960000005","name":"verification_code","language":"en_US","status":"APPROVED",
  "category":"AUTHENTICATION","parameter_format":"POSITIONAL","components":[
   {"type":"BODY","text":"*{{1}}* is your verification code. For your security, do not share this code.",
    "example":{"body_text":[["123456"]]}},
   {"type":"FOOTER","text":"This code expires in 10 minutes."},
   {"type":"BUTTONS","buttons":[
    {"type":"URL","text":"Copy code","url":"https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}","example":["https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp123456"]}]}]},
 {"id":"1402761960000006","name":"appointment_reminder","language":"ru","status":"APPROVED",
  "category":"UTILITY","parameter_format":"POSITIONAL","components":[
   {"type":"BODY","text":"Здравствуйте, {{1}}! Напоминаем о записи на {{2}}.",
    "example":{"body_text":[["Алексей","15:30"]]}},
   {"type":"BUTTONS","buttons":[
    {"type":"QUICK_REPLY","text":"Подтвердить"},
    {"type":"QUICK_REPLY","text":"Перенести"}]}]},
 {"id":"1402761960000007","name":"delivery_feedback","language":"pt_BR","status":"APPROVED",
  "category":"MARKETING","parameter_format":"NAMED","components":[
   {"type":"BODY","text":"Olá {{customer_name}}, como foi a entrega do pedido {{order_id}}?",
    "example":{"body_text_named_params":[{"param_name":"customer_name","example":"João"},
                                          {"param_name":"order_id","example":"B-77"}]}},
   {"type":"BUTTONS","buttons":[
    {"type":"QUICK_REPLY","text":"Ótima"},
    {"type":"QUICK_REPLY","text":"Ruim"}]}]},
 {"id":"1402761960000008","name":"bienvenida","language":"es_MX","status":"APPROVED",
  "category":"UTILITY","parameter_format":"POSITIONAL","components":[
   {"type":"BODY","text":"¡Gracias por escribirnos! Un agente te atenderá muy pronto."}]},
 {"id":"1402761960000009","name":"account_alert","language":"en_US","status":"PAUSED",
  "category":"UTILITY","parameter_format":"POSITIONAL","components":[
   {"type":"BODY","text":"Hi {{1}}, there was a new sign-in to your account.",
    "example":{"body_text":[["Ana"]]}}]},
 {"id":"1402761960000010","name":"monthly_newsletter","language":"en_US","status":"DISABLED",
  "category":"MARKETING","parameter_format":"POSITIONAL","components":[
   {"type":"BODY","text":"Our monthly newsletter is here, {{1}}!",
    "example":{"body_text":[["Ana"]]}}]}
])json";
    return nlohmann::json::parse(catalogue);
}

} // namespace waconsole::metasim
