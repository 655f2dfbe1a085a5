//! Runs tests/programs/manifest.json in Warren's runner and prints the
//! same JSON as scripts/program_driver.py does for CPython + RabbitMQ.

//!
//! Native only: the Python parser is not part of the page's wasm.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::BTreeMap;

    use serde_json::{json, Value};
    use warren::runner::{Pid, Runner};

    fn queues(r: &Runner) -> Vec<Value> {
        let mut rows: Vec<Value> = r
            .broker
            .queues()
            .map(|q| {
                let name = if q.name.starts_with("amq.gen-") { "amq.gen-*".to_string() } else { q.name.to_string() };
                json!([name, q.ready.len(), q.unacked, q.consumer_count()])
            })
            .collect();
        rows.sort_by_key(|v| v.to_string());
        rows
    }

    fn exchanges(r: &Runner) -> Vec<Value> {
        let mut rows: Vec<Value> = r
            .broker
            .exchanges()
            .filter(|x| !x.name.is_empty() && !x.name.starts_with("amq."))
            .map(|x| json!([x.name.to_string(), x.kind.as_str()]))
            .collect();
        rows.sort_by_key(|v| v.to_string());
        rows
    }

    fn last_line(s: &str) -> String {
        s.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("").to_string()
    }

    fn scenario(dir: &str, sc: &Value) -> Result<Value, String> {
        let mut r = Runner::new(7);
        for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.extension().is_some_and(|e| e == "py") {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
                let src = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
                r.load(&name, &src).map_err(|e| e.to_string())?;
            }
        }
        let mut names: BTreeMap<String, Pid> = BTreeMap::new();
        let mut checkpoints = Vec::new();
        for step in sc["steps"].as_array().ok_or("steps")? {
            if let Some(cmd) = step["run"].as_str() {
                let pid = r.run(cmd)?;
                names.insert(step["as"].as_str().unwrap_or(cmd).to_string(), pid);
            } else if let Some(ms) = step["wait"].as_u64() {
                r.advance(ms);
            } else if let Some(who) = step["interrupt"].as_str() {
                r.interrupt(names[who]);
            } else if step["restart"].as_bool() == Some(true) {
                r.broker.restart();
            } else if let Some(at) = step["checkpoint"].as_str() {
                checkpoints.push(json!({"at": at, "queues": queues(&r), "exchanges": exchanges(&r)}));
            }
        }
        r.advance(10_000);
        let mut processes = serde_json::Map::new();
        for (name, pid) in &names {
            let p = r.process(*pid).ok_or("process")?;
            let exit = p.exit.map(Value::from).unwrap_or(Value::from("still running"));
            processes.insert(
                name.clone(),
                json!({"stdout": p.stdout, "stderr_last": last_line(&p.stderr), "stderr": p.stderr, "exit": exit}),
            );
        }
        let notes: Vec<Value> = r
            .mistakes()
            .into_iter()
            .map(|n| json!({"program": n.program, "line": n.line, "message": n.message.english(), "fix": n.fix}))
            .collect();
        Ok(json!({"name": sc["name"], "processes": processes, "checkpoints": checkpoints, "notes": notes}))
    }

    pub fn main() {
        let dir = std::env::args().nth(1).unwrap_or_else(|| "tests/programs".into());
        let manifest: Value =
            match std::fs::read_to_string(format!("{dir}/manifest.json")).map(|s| serde_json::from_str(&s)) {
                Ok(Ok(m)) => m,
                _ => {
                    eprintln!("cannot read {dir}/manifest.json");
                    std::process::exit(2);
                }
            };
        let mut out = Vec::new();
        for sc in manifest["scenarios"].as_array().into_iter().flatten() {
            match scenario(&dir, sc) {
                Ok(v) => out.push(v),
                Err(e) => {
                    eprintln!("{}: {e}", sc["name"]);
                    std::process::exit(2);
                }
            }
        }
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
