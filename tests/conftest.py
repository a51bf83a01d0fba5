"""Shared test set-up."""

import logging

# AppTest runs scripts outside `streamlit run`; Streamlit warns about that on every call.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
logging.getLogger("streamlit.runtime.state.session_state_proxy").setLevel(logging.ERROR)
