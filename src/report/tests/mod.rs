mod console;
mod fixture;
mod json;
mod threshold;
