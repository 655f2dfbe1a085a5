//! Programs as processes on Warren's broker.
