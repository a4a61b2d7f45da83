# IPython kernel settings for every kernel in the image (copied to /etc/ipython/).
# https://ipython.readthedocs.io/en/stable/config/options/kernel.html

# ipykernel >= 6 also captures output written to the process's file descriptors, so
# everything the JVM behind PySpark prints (a lot, at log4j INFO) would be copied into
# notebook cells. Leave fd output in the server log, where it belongs.
c.IPKernelApp.capture_fd_output = False  # type: ignore[name-defined]  # noqa: F821
