package io.github.sparkprop.cli;
public class Main { public static void main(String[] a) {} }
