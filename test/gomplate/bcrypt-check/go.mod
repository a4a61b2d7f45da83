module buun-stack-tasks/bcrypt-check

go 1.24

require golang.org/x/crypto v0.40.0
