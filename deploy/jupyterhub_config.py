"""JupyterHub for a Rebuilding Trust workshop on one machine (up to about 100 learners).

Every learner and facilitator is a Unix user; each gets their own JupyterLab, run as that user,
so nbgrader knows learners by user name and their files stay theirs. Settings come from
environment variables, so this same file serves a workshop and the project's own hub test:

  TRUST_COURSE_HUB_VENV      virtual environment every user can read, with the course and jupyterhub
                             (default /opt/trust-course)
  TRUST_COURSE_HUB_STATE     folder for the hub's database and cookie secret (default /var/lib/trust-course-hub)
  TRUST_COURSE_HUB_USERS     comma-separated user names allowed to log in (learners and facilitators)
  TRUST_COURSE_HUB_ADMINS    comma-separated facilitators (hub admins)
  TRUST_COURSE_HUB_PASSWORD  learners' shared password (at least 8 characters); for a real workshop
                             prefer PAM or OAuth logins and put TLS in front of the hub
  TRUST_COURSE_HUB_ADMIN_PASSWORD  facilitators' own password (at least 32 characters; the hub
                             lets admins log in with this one only)
  TRUST_COURSE_HUB_IP, TRUST_COURSE_HUB_PORT   where the hub listens (default 127.0.0.1:8000)
  TRUST_COURSE_HUB_PROXY     the configurable-http-proxy command (default: from `npm install` in PATH)

nbgrader's exchange folder and course id come from `$TRUST_COURSE_HUB_VENV/etc/jupyter/nbgrader_config.py`.
"""

import os

from trust_course.lab_hooks import LEARNER_LAB

env = os.environ.get
venv = env("TRUST_COURSE_HUB_VENV", "/opt/trust-course")
state = env("TRUST_COURSE_HUB_STATE", "/var/lib/trust-course-hub")
users = {u for u in env("TRUST_COURSE_HUB_USERS", "").split(",") if u}
admins = {u for u in env("TRUST_COURSE_HUB_ADMINS", "").split(",") if u}

c = get_config()  # noqa: F821
c.JupyterHub.ip = env("TRUST_COURSE_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(env("TRUST_COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{state}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.command = [env("TRUST_COURSE_HUB_PROXY", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = f"{state}/proxy.pid"

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = env("TRUST_COURSE_HUB_PASSWORD", "")
if env("TRUST_COURSE_HUB_ADMIN_PASSWORD"):
    c.SharedPasswordAuthenticator.admin_password = env("TRUST_COURSE_HUB_ADMIN_PASSWORD")
c.Authenticator.allowed_users = users | admins
c.Authenticator.admin_users = admins

# Each user's own JupyterLab, run as that Unix user, in their home folder.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [f"{venv}/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
# Learners get a learner's JupyterLab (no news prompt, none of nbgrader's facilitator tools, a plain
# line where a saved exercise has not run); facilitators keep everything.
c.Spawner.environment = {
    "PATH": f"{venv}/bin:/usr/local/bin:/usr/bin:/bin",
    "JUPYTER_CONFIG_PATH": lambda spawner: "" if spawner.user.name in admins else str(LEARNER_LAB),
}
# When a whole group logs in at once, each JupyterLab can take minutes to answer (about 35 s each
# for 20 learners on 2 CPUs with nothing else running). A start that runs out of time fails, and
# the learner must press "Relaunch Server"; so wait long, up to 5 minutes.
c.Spawner.http_timeout = 300
c.Spawner.start_timeout = 300
c.JupyterHub.concurrent_spawn_limit = 20
