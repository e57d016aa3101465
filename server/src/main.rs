//! `yeyak-server`: starts the reference backend and stops cleanly on Ctrl-C or SIGTERM.

use yeyak_server::{config::usage, BoundServer, ServerConfig};

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", usage());
        return;
    }
    let config = match ServerConfig::from_args_and_env(args, |k| std::env::var(k).ok()) {
        Ok(config) => config,
        Err(err) => exit_with(&format!("{err}\n{}", usage())),
    };
    let server = match BoundServer::bind(&config).await {
        Ok(server) => server,
        Err(err) => exit_with(&err),
    };
    // The launcher (xtask, tests) reads this line to learn the port; keep its shape.
    // One write, its error ignored: a launcher may close the pipe after that first line, and
    // the demo's hint on the second must not bring the server down with it.
    let hint = server
        .demo_hint()
        .map(|h| format!("{h}\n"))
        .unwrap_or_default();
    let greeting = format!(
        "yeyak server listening on http://{}\n{hint}",
        server.local_addr()
    );
    let _ = std::io::Write::write_all(&mut std::io::stdout(), greeting.as_bytes());
    tracing::info!(addr = %server.local_addr(), db = %config.db, "started");
    if let Err(err) = server.serve(shutdown_signal()).await {
        exit_with(&format!("server error: {err}"));
    }
    tracing::info!("stopped");
}

fn exit_with(message: &str) -> ! {
    eprintln!("yeyak-server: {message}");
    std::process::exit(2);
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
