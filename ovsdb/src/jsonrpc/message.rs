//! [`Message`]: one JSON-RPC 1.0 message and its checked conversion from/to JSON.
//!
//! The rules are ovsdb-server's, as observed on the wire:
//! * only the members `method`, `params`, `result`, `error`, `id` are allowed;
//! * a `null` `result` or `error` counts as absent;
//! * non-null `result` → response, non-null `error` → error response (both need a
//!   non-null `id`; having both is invalid);
//! * otherwise `method` (a string) and `params` (an array) are required; a missing or
//!   `null` `id` makes it a notification.
//!
//! Serialisation matches what ovsdb-server sends: responses are
//! `{"id":..,"result":..,"error":null}`, error responses `{"id":..,"error":..}`,
//! notifications carry `"id":null`.

use serde_json::{Map, Value};

use super::error::MessageError;

/// One JSON-RPC 1.0 message. Ids are arbitrary JSON values.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A call that expects a reply with the same `id` (never `null`).
    Request {
        /// Method name.
        method: String,
        /// Positional parameters.
        params: Vec<Value>,
        /// Non-null id echoed in the reply.
        id: Value,
    },
    /// A call without reply (`"id": null`).
    Notification {
        /// Method name.
        method: String,
        /// Positional parameters.
        params: Vec<Value>,
    },
    /// A successful reply.
    Response {
        /// The (non-null) result.
        result: Value,
        /// Id of the request answered.
        id: Value,
    },
    /// An error reply.
    Error {
        /// The (non-null) error value.
        error: Value,
        /// Id of the request answered.
        id: Value,
    },
}

impl Message {
    /// A request.
    pub fn request(method: impl Into<String>, params: Vec<Value>, id: Value) -> Message {
        Message::Request {
            method: method.into(),
            params,
            id,
        }
    }

    /// A notification.
    pub fn notification(method: impl Into<String>, params: Vec<Value>) -> Message {
        Message::Notification {
            method: method.into(),
            params,
        }
    }

    /// The id, if the message has one (`None` for notifications).
    pub fn id(&self) -> Option<&Value> {
        match self {
            Message::Request { id, .. }
            | Message::Response { id, .. }
            | Message::Error { id, .. } => Some(id),
            Message::Notification { .. } => None,
        }
    }

    /// The method name of a request or notification.
    pub fn method(&self) -> Option<&str> {
        match self {
            Message::Request { method, .. } | Message::Notification { method, .. } => Some(method),
            _ => None,
        }
    }

    /// Checks a JSON value against the rules in the module docs.
    pub fn from_value(value: Value) -> Result<Message, MessageError> {
        let Value::Object(mut obj) = value else {
            return Err(MessageError::NotObject);
        };
        if let Some(k) = obj
            .keys()
            .find(|k| !matches!(k.as_str(), "method" | "params" | "result" | "error" | "id"))
        {
            return Err(MessageError::UnexpectedMember(k.clone()));
        }
        let take = |obj: &mut Map<String, Value>, k: &str| match obj.remove(k) {
            Some(Value::Null) | None => None,
            Some(v) => Some(v),
        };
        let method = take(&mut obj, "method");
        let params = take(&mut obj, "params");
        let result = take(&mut obj, "result");
        let error = take(&mut obj, "error");
        let id = take(&mut obj, "id");

        if result.is_some() || error.is_some() {
            if method.is_some() {
                return Err(MessageError::RequestWithResult);
            }
            let id = id.ok_or(MessageError::ReplyWithoutId)?;
            return match (result, error) {
                (Some(result), None) => Ok(Message::Response { result, id }),
                (None, Some(error)) => Ok(Message::Error { error, id }),
                _ => Err(MessageError::ResultAndError),
            };
        }
        let method = match method {
            None => return Err(MessageError::NoMethod),
            Some(Value::String(m)) => m,
            Some(_) => return Err(MessageError::MethodNotString),
        };
        let Some(Value::Array(params)) = params else {
            return Err(MessageError::ParamsNotArray);
        };
        Ok(match id {
            Some(id) => Message::Request { method, params, id },
            None => Message::Notification { method, params },
        })
    }

    /// The JSON form, as ovsdb-server would send it.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        match self {
            Message::Request { method, params, id } => {
                m.insert("method".into(), Value::String(method.clone()));
                m.insert("params".into(), Value::Array(params.clone()));
                m.insert("id".into(), id.clone());
            }
            Message::Notification { method, params } => {
                m.insert("method".into(), Value::String(method.clone()));
                m.insert("params".into(), Value::Array(params.clone()));
                m.insert("id".into(), Value::Null);
            }
            Message::Response { result, id } => {
                m.insert("id".into(), id.clone());
                m.insert("result".into(), result.clone());
                m.insert("error".into(), Value::Null);
            }
            Message::Error { error, id } => {
                m.insert("id".into(), id.clone());
                m.insert("error".into(), error.clone());
            }
        }
        Value::Object(m)
    }

    /// Compact JSON bytes of [`Message::to_value`].
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serialising a `Value` into a Vec cannot fail.
        serde_json::to_vec(&self.to_value()).unwrap_or_default()
    }
}

impl TryFrom<Value> for Message {
    type Error = MessageError;
    fn try_from(v: Value) -> Result<Message, MessageError> {
        Message::from_value(v)
    }
}

impl From<&Message> for Value {
    fn from(m: &Message) -> Value {
        m.to_value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(s: &str) -> Result<Message, MessageError> {
        Message::from_value(serde_json::from_str(s).unwrap())
    }

    /// Each case below was sent to ovsdb-server 3.1; "ok" ones it accepted, the others made
    /// it log "bad JSON-RPC message" (or "unexpected reply") and disconnect.
    #[test]
    fn classification_matches_ovsdb_server() {
        assert_eq!(
            parse(r#"{"method":"list_dbs","params":[],"id":1}"#),
            Ok(Message::request("list_dbs", vec![], json!(1)))
        );
        assert_eq!(
            parse(r#"{"method":"list_dbs","params":[],"id":null}"#),
            Ok(Message::notification("list_dbs", vec![]))
        );
        assert_eq!(
            parse(r#"{"method":"echo","params":[]}"#),
            Ok(Message::notification("echo", vec![]))
        );
        assert_eq!(
            parse(r#"{"method":"echo","params":[],"id":1,"result":null,"error":null}"#),
            Ok(Message::request("echo", vec![], json!(1)))
        );
        assert_eq!(
            parse(r#"{"id":[1,2],"result":[1],"error":null}"#),
            Ok(Message::Response {
                result: json!([1]),
                id: json!([1, 2])
            })
        );
        assert_eq!(
            parse(r#"{"id":5,"error":"unknown method"}"#),
            Ok(Message::Error {
                error: json!("unknown method"),
                id: json!(5)
            })
        );
        assert_eq!(parse("[1,2,3]"), Err(MessageError::NotObject));
        assert_eq!(parse("42"), Err(MessageError::NotObject));
        assert_eq!(parse(r#""abc""#), Err(MessageError::NotObject));
        assert_eq!(
            parse(r#"{"foo":1}"#),
            Err(MessageError::UnexpectedMember("foo".into()))
        );
        assert_eq!(
            parse(r#"{"method":"list_dbs","params":[],"id":1,"extra":2}"#),
            Err(MessageError::UnexpectedMember("extra".into()))
        );
        assert_eq!(
            parse(r#"{"method":"list_dbs","params":{},"id":5}"#),
            Err(MessageError::ParamsNotArray)
        );
        assert_eq!(
            parse(r#"{"method":"list_dbs","id":5}"#),
            Err(MessageError::ParamsNotArray)
        );
        assert_eq!(
            parse(r#"{"method":1,"params":[],"id":1}"#),
            Err(MessageError::MethodNotString)
        );
        assert_eq!(parse(r#"{"result":1}"#), Err(MessageError::ReplyWithoutId));
        assert_eq!(
            parse(r#"{"id":1,"result":null,"error":null}"#),
            Err(MessageError::NoMethod)
        );
        assert_eq!(
            parse(r#"{"params":[],"id":3}"#),
            Err(MessageError::NoMethod)
        );
        assert_eq!(parse("{}"), Err(MessageError::NoMethod));
        assert_eq!(
            parse(r#"{"id":1,"result":1,"error":2}"#),
            Err(MessageError::ResultAndError)
        );
        assert_eq!(
            parse(r#"{"method":"echo","params":[],"result":1,"id":1}"#),
            Err(MessageError::RequestWithResult)
        );
    }

    #[test]
    fn serialises_like_ovsdb_server() {
        let s = |m: Message| String::from_utf8(m.to_bytes()).unwrap();
        assert_eq!(
            s(Message::Response {
                result: json!(["OVN_Northbound", "_Server"]),
                id: json!(1)
            }),
            r#"{"id":1,"result":["OVN_Northbound","_Server"],"error":null}"#
        );
        assert_eq!(
            s(Message::Error {
                error: json!("unknown method"),
                id: json!(5)
            }),
            r#"{"id":5,"error":"unknown method"}"#
        );
        assert_eq!(
            s(Message::notification(
                "update",
                vec![json!(null), json!({})]
            )),
            r#"{"method":"update","params":[null,{}],"id":null}"#
        );
        assert_eq!(
            s(Message::request("echo", vec![], json!("echo"))),
            r#"{"method":"echo","params":[],"id":"echo"}"#
        );
    }

    #[test]
    fn round_trips() {
        for m in [
            Message::request(
                "transact",
                vec![json!("db"), json!({"op":"comment"})],
                json!({"a":[1]}),
            ),
            Message::notification("update3", vec![json!([1]), json!("x")]),
            Message::Response {
                result: json!({}),
                id: json!("s"),
            },
            Message::Error {
                error: json!({"error":"x"}),
                id: json!(0),
            },
        ] {
            assert_eq!(Message::from_value(m.to_value()), Ok(m));
        }
    }
}
