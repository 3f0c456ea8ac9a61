//! A fake AWS KMS speaking the JSON 1.1 protocol (`POST /`, `X-Amz-Target:
//! TrentService.<Op>`): `DescribeKey`, `GenerateDataKey`, `Encrypt`, `Decrypt` and
//! `ReEncrypt` with real AES-256-GCM under one master key per key ARN, the encryption context
//! bound as AAD, and every request recorded. Faults are scripted per request.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Value, json};

use super::http::{self, Reply, Request};
use super::sealing::{open, seal};

pub const ACCOUNT: &str = "111122223333";
pub const REGION: &str = "eu-west-1";

/// The ARN of the fake key named `name`.
pub fn key_arn(name: &str) -> String {
    format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/{name}")
}

/// The ARN of the alias `name`.
pub fn alias_arn(name: &str) -> String {
    format!("arn:aws:kms:{REGION}:{ACCOUNT}:alias/{name}")
}

/// One request the fake received.
#[derive(Clone, Debug)]
pub struct KmsRequest {
    /// `GenerateDataKey`, `Decrypt`, ... (from `X-Amz-Target`).
    pub operation: String,
    pub body: Value,
    pub request: Request,
}

impl KmsRequest {
    /// The `KeyId` member.
    pub fn key_id(&self) -> Option<&str> {
        self.body["KeyId"].as_str()
    }

    /// A string-map member (`EncryptionContext`, `SourceEncryptionContext`, ...).
    pub fn context(&self, member: &str) -> BTreeMap<String, String> {
        serde_json::from_value(self.body[member].clone()).unwrap_or_default()
    }
}

/// A scripted answer to the next request.
#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// An error response with this status and `__type`.
    Error(u16, &'static str),
    /// No answer at all.
    Hang,
    /// The connection closed without an answer.
    Close,
}

struct Key {
    material: [u8; 32],
    state: &'static str,
}

#[derive(Default)]
struct State {
    keys: HashMap<String, Key>,
    aliases: HashMap<String, String>,
    requests: Vec<KmsRequest>,
    faults: VecDeque<Fault>,
    counter: u64,
}

/// The fake, serving on loopback until dropped.
#[derive(Clone)]
pub struct FakeKms {
    state: Arc<Mutex<State>>,
    addr: std::net::SocketAddr,
    task: Arc<tokio::task::JoinHandle<()>>,
}

impl Drop for FakeKms {
    fn drop(&mut self) {
        if Arc::strong_count(&self.task) == 1 {
            self.task.abort();
        }
    }
}

type KmsResult = Result<Value, (u16, &'static str, String)>;

impl FakeKms {
    pub async fn start() -> Self {
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let (addr, task) = http::serve(Arc::new(move |req| handle(&shared, req))).await;
        Self {
            state,
            addr,
            task: Arc::new(task),
        }
    }

    pub fn endpoint(&self) -> url::Url {
        url::Url::parse(&format!("http://{}", self.addr)).unwrap()
    }

    /// Adds an enabled key `name` (random material) and returns its ARN.
    pub fn add_key(&self, name: &str) -> String {
        self.add_key_arn(key_arn(name))
    }

    /// Adds an enabled key with this ARN (any account) and returns it.
    pub fn add_key_arn(&self, arn: String) -> String {
        let mut material = [0u8; 32];
        aws_lc_rs::rand::fill(&mut material).unwrap();
        let key = Key {
            material,
            state: "Enabled",
        };
        self.state.lock().unwrap().keys.insert(arn.clone(), key);
        arn
    }

    /// Points alias `name` at key `target` and returns the alias ARN.
    pub fn set_alias(&self, name: &str, target: &str) -> String {
        self.state
            .lock()
            .unwrap()
            .aliases
            .insert(name.to_owned(), key_arn(target));
        alias_arn(name)
    }

    /// `Enabled`, `Disabled` or `PendingDeletion`.
    pub fn set_key_state(&self, name: &str, state: &'static str) {
        let mut guard = self.state.lock().unwrap();
        guard.keys.get_mut(&key_arn(name)).unwrap().state = state;
    }

    /// Answers the next requests with these faults, in order.
    pub fn fail_next(&self, faults: impl IntoIterator<Item = Fault>) {
        self.state.lock().unwrap().faults.extend(faults);
    }

    /// Drops the faults not consumed yet.
    pub fn clear_faults(&self) {
        self.state.lock().unwrap().faults.clear();
    }

    pub fn requests(&self) -> Vec<KmsRequest> {
        self.state.lock().unwrap().requests.clone()
    }

    /// The operations received, in order.
    pub fn operations(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.operation).collect()
    }

    pub fn clear_requests(&self) {
        self.state.lock().unwrap().requests.clear();
    }
}

fn handle(state: &Mutex<State>, req: Request) -> Reply {
    let mut state = state.lock().unwrap();
    state.counter += 1;
    let request_id = format!("fake-req-{}", state.counter);
    let operation = req
        .header("x-amz-target")
        .and_then(|t| t.strip_prefix("TrentService."))
        .unwrap_or("")
        .to_owned();
    let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
    let ok_shape = req.method == "POST"
        && req.header("content-type") == Some("application/x-amz-json-1.1")
        && body.is_object();
    state.requests.push(KmsRequest {
        operation: operation.clone(),
        body: body.clone(),
        request: req,
    });
    let result = match state.faults.pop_front() {
        Some(Fault::Hang) => return Reply::Hang,
        Some(Fault::Close) => return Reply::Close,
        Some(Fault::Error(status, kind)) => Err((status, kind, format!("injected {kind}"))),
        None if !ok_shape => Err((400, "SerializationException", "not AWS JSON 1.1".into())),
        None => dispatch(&state, &operation, &body),
    };
    let (status, body) = match result {
        Ok(value) => (200, value),
        Err((status, kind, message)) => (status, json!({"__type": kind, "message": message})),
    };
    Reply::Json {
        status,
        request_id,
        body: body.to_string(),
    }
}

fn dispatch(state: &State, operation: &str, body: &Value) -> KmsResult {
    match operation {
        "DescribeKey" => {
            let arn = resolve(state, &body["KeyId"])?;
            let key = &state.keys[&arn];
            Ok(json!({"KeyMetadata": {
                "AWSAccountId": ACCOUNT, "KeyId": arn.rsplit('/').next(), "Arn": arn,
                "Enabled": key.state == "Enabled", "KeyState": key.state,
                "KeyUsage": "ENCRYPT_DECRYPT", "KeySpec": "SYMMETRIC_DEFAULT",
                "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "Origin": "AWS_KMS",
                "KeyManager": "CUSTOMER", "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
            }}))
        }
        "GenerateDataKey" => {
            if body["KeySpec"] != "AES_256" || !body["NumberOfBytes"].is_null() {
                return Err((
                    400,
                    "ValidationException",
                    "KeySpec AES_256 expected".into(),
                ));
            }
            let (arn, material) = usable(state, &body["KeyId"])?;
            let mut dek = [0u8; 32];
            aws_lc_rs::rand::fill(&mut dek).unwrap();
            let blob = seal(&arn, material, &context(body, "EncryptionContext"), &dek);
            Ok(
                json!({"KeyId": arn, "CiphertextBlob": B64.encode(blob), "Plaintext": B64.encode(dek)}),
            )
        }
        "Encrypt" => {
            let (arn, material) = usable(state, &body["KeyId"])?;
            let plaintext = decode(&body["Plaintext"])?;
            let blob = seal(
                &arn,
                material,
                &context(body, "EncryptionContext"),
                &plaintext,
            );
            Ok(
                json!({"KeyId": arn, "CiphertextBlob": B64.encode(blob), "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"}),
            )
        }
        "Decrypt" => {
            let (arn, plaintext) = unseal(state, body, "KeyId", "EncryptionContext")?;
            Ok(
                json!({"KeyId": arn, "Plaintext": B64.encode(plaintext), "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"}),
            )
        }
        "ReEncrypt" => {
            let (source, plaintext) =
                unseal(state, body, "SourceKeyId", "SourceEncryptionContext")?;
            let (arn, material) = usable(state, &body["DestinationKeyId"])?;
            let ctx = context(body, "DestinationEncryptionContext");
            let blob = seal(&arn, material, &ctx, &plaintext);
            Ok(
                json!({"SourceKeyId": source, "KeyId": arn, "CiphertextBlob": B64.encode(blob),
                "SourceEncryptionAlgorithm": "SYMMETRIC_DEFAULT", "DestinationEncryptionAlgorithm": "SYMMETRIC_DEFAULT"}),
            )
        }
        other => Err((
            400,
            "UnknownOperationException",
            format!("no operation {other}"),
        )),
    }
}

/// A key id, key ARN, alias name or alias ARN → the key ARN.
fn resolve(state: &State, key_id: &Value) -> Result<String, (u16, &'static str, String)> {
    let id = key_id.as_str().unwrap_or("");
    let alias = id
        .strip_prefix(&format!("arn:aws:kms:{REGION}:{ACCOUNT}:alias/"))
        .or_else(|| id.strip_prefix("alias/"));
    let arn = match alias {
        Some(name) => state.aliases.get(name).cloned(),
        None if id.starts_with("arn:") => Some(id.to_owned()),
        None => Some(key_arn(id)),
    };
    arn.filter(|arn| state.keys.contains_key(arn)).ok_or((
        400,
        "NotFoundException",
        format!("{id} not found"),
    ))
}

/// The key ARN and material of an enabled key.
fn usable<'s>(
    state: &'s State,
    key_id: &Value,
) -> Result<(String, &'s [u8; 32]), (u16, &'static str, String)> {
    let arn = resolve(state, key_id)?;
    let key = &state.keys[&arn];
    match key.state {
        "Enabled" => Ok((arn, &key.material)),
        "Disabled" => Err((400, "DisabledException", format!("{arn} is disabled"))),
        _ => Err((
            400,
            "KMSInvalidStateException",
            format!("{arn} is {}", key.state),
        )),
    }
}

/// Opens `CiphertextBlob` with the key it names, checking the caller's key id (when given)
/// and context.
fn unseal(
    state: &State,
    body: &Value,
    key_member: &str,
    context_member: &str,
) -> Result<(String, Vec<u8>), (u16, &'static str, String)> {
    let blob = decode(&body["CiphertextBlob"])?;
    let invalid = || (400, "InvalidCiphertextException", String::new());
    let (blob_arn, sealed) = super::sealing::split(&blob).ok_or_else(invalid)?;
    if !body[key_member].is_null() && resolve(state, &body[key_member])? != blob_arn {
        return Err((400, "IncorrectKeyException", String::new()));
    }
    let (arn, material) = usable(state, &Value::String(blob_arn))?;
    let plaintext =
        open(&arn, material, &context(body, context_member), sealed).ok_or_else(invalid)?;
    Ok((arn, plaintext))
}

fn context(body: &Value, member: &str) -> BTreeMap<String, String> {
    serde_json::from_value(body[member].clone()).unwrap_or_default()
}

fn decode(value: &Value) -> Result<Vec<u8>, (u16, &'static str, String)> {
    B64.decode(value.as_str().unwrap_or(""))
        .map_err(|_| (400, "SerializationException", "bad base64".into()))
}
